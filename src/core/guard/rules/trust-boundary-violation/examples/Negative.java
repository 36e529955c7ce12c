class Profile extends HttpServlet {
  protected void doPost(HttpServletRequest request, HttpServletResponse response) {
    String name = request.getParameter("name");
    request.getSession().setAttribute("visited", "yes");
    int n = 86;
    String v = (7 * 42) - n > 200 ? "This should never happen" : "constant";
    request.getSession().setAttribute("v", v);
    java.util.Map<String, String> m = new java.util.HashMap<String, String>();
    m.put("a", "safe");
    m.put("b", name);
    m.put("b", "overwritten");
    request.getSession().setAttribute("b", m.get("b"));
    java.util.List<String> l = new java.util.ArrayList<String>();
    l.add("safe");
    l.add(name);
    l.remove(1);
    request.getSession().setAttribute("l", l.get(0));
    request.getSession().setAttribute("len", Integer.parseInt(name));
  }
}

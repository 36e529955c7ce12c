class Profile extends HttpServlet {
  protected void doPost(HttpServletRequest request, HttpServletResponse response) {
    String name = request.getParameter("name");
    request.getSession().setAttribute("userName", name); // ruleid
    HttpSession session = request.getSession(true);
    session.setAttribute(request.getHeader("X-Key"), "set"); // ruleid
    String role = "";
    if (name != null) role = request.getParameter("role");
    session.putValue("role", role); // ruleid
    java.util.Map<String, String> m = new java.util.HashMap<String, String>();
    m.put("a", "safe");
    m.put("b", name);
    javax.servlet.http.HttpSession s2 = request.getSession();
    request.getSession().setAttribute("b", m.get("b")); // ruleid
  }
}

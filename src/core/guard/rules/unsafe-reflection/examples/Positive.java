class Plugins extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
    Class<?> c = Class.forName(request.getParameter("cls")); // ruleid
  }
}

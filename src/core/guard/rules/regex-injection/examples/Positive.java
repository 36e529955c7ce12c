class Find extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    Pattern p = Pattern.compile(request.getParameter("pattern")); // ruleid
  }
}

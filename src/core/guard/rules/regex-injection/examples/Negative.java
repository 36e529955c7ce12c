class Find extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    Pattern p = Pattern.compile(Pattern.quote(request.getParameter("pattern")));
  }
}

class Lang extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Content-Language", request.getParameter("lang")); // ruleid
  }
}

class Lang extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) {
    response.setHeader("Content-Language", URLEncoder.encode(request.getParameter("lang"), "UTF-8"));
  }
}

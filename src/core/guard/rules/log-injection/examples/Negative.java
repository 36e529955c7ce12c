class Login extends HttpServlet {
  protected void doPost(HttpServletRequest request, HttpServletResponse response) {
    String user = request.getParameter("user").replaceAll("[\r\n]", "_");
    log.info("user " + user);
    log.info("user logged in");
  }
}

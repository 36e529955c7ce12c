class Login extends HttpServlet {
  protected void doPost(HttpServletRequest request, HttpServletResponse response) {
    log.info("user " + request.getParameter("user")); // ruleid
  }
}

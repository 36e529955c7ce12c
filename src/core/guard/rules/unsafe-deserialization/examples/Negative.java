class Load extends HttpServlet {
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
    Settings s = new ObjectMapper().readValue(request.getInputStream(), Settings.class);
  }
}

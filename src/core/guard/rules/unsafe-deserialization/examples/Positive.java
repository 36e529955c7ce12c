class Load extends HttpServlet {
  protected void doPost(HttpServletRequest request, HttpServletResponse response) throws Exception {
    ObjectInputStream in = new ObjectInputStream(request.getInputStream()); // ruleid
    Object o = in.readObject();
  }
}

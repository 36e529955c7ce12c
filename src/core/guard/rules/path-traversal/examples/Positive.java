public class Download extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = request.getParameter("file");
    File f = new File("/srv/files", name); // ruleid
    byte[] data = Files.readAllBytes(Paths.get("/srv/files/" + request.getParameter("other"))); // ruleid
  }
}

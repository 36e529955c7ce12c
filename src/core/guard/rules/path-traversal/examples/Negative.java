public class Download extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = FilenameUtils.getName(request.getParameter("file"));
    File f = new File("/srv/files", name);
    File cfg = new File("/srv", "config.yml");
  }
}

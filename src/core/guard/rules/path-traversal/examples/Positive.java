public class Download extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = request.getParameter("file");
    File f = new File("/srv/files", name); // ruleid
    byte[] data = Files.readAllBytes(Paths.get("/srv/files/" + request.getParameter("other"))); // ruleid
  }
}

@RestController
class Files2 {
  // A string prefix check without a separator: /srv/files-old starts with /srv/files.
  @GetMapping("/f")
  public byte[] get(@RequestParam String name) throws IOException {
    File f = new File(BASE, name); // ruleid
    if (!f.getCanonicalPath().startsWith(BASE.getCanonicalPath())) throw new IOException("no");
    return Files.readAllBytes(f.toPath()); // ruleid
  }

  // Spring binds an unannotated String parameter of a handler method to the request parameter of that name.
  @GetMapping("/g")
  public byte[] plain(String name) throws IOException {
    return Files.readAllBytes(Paths.get("/srv/files", name)); // ruleid
  }
}

public class Download extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    String name = FilenameUtils.getName(request.getParameter("file"));
    File f = new File("/srv/files", name);
    File cfg = new File("/srv", "config.yml");
  }
}

@RestController
class Files2 {
  @GetMapping("/f")
  public byte[] get(@RequestParam String name) throws IOException {
    File f = new File(BASE, name);
    if (!f.getCanonicalPath().startsWith(BASE.getCanonicalPath() + File.separator)) throw new IOException("no");
    return Files.readAllBytes(f.toPath());
  }

  // java.nio.file.Path.startsWith compares whole name elements: a containment check.
  @GetMapping("/g")
  public byte[] path(@RequestParam String name) throws IOException {
    Path p = root.resolve(name).normalize();
    if (!p.startsWith(root)) throw new IOException("no");
    return Files.readAllBytes(p);
  }

  // A parameter of a method that handles no request is not input.
  public byte[] helper(String name) throws IOException {
    return Files.readAllBytes(Paths.get("/srv/files", name));
  }
}

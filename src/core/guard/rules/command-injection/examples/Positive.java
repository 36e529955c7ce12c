public class Ping extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String host = req.getParameter("host");
    Runtime.getRuntime().exec("ping -c 1 " + host); // ruleid
    String cmd = "nslookup " + req.getParameter("name");
    Process p = Runtime.getRuntime().exec(cmd); // ruleid
  }

  // A helper that runs its parameter in a shell is a sink at its call sites.
  private static Process shell(String line) throws IOException {
    return Runtime.getRuntime().exec(line);
  }
  static Process lookup(String name) throws IOException {
    return shell("nslookup " + name); // ruleid
  }
}

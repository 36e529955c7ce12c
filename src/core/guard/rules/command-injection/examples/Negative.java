public class Ping extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String host = req.getParameter("host");
    new ProcessBuilder("ping", "-c", "1", host).start();
    Runtime.getRuntime().exec(new String[] {"ping", "-c", "1", "localhost"});
    Runtime.getRuntime().exec("uptime");
  }

  private static Process shell(String line) throws IOException {
    return Runtime.getRuntime().exec(line);
  }
  static Process uptime() throws IOException {
    return shell("uptime");
  }
}

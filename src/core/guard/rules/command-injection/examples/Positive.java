public class Ping extends HttpServlet {
  protected void doGet(HttpServletRequest req, HttpServletResponse resp) throws IOException {
    String host = req.getParameter("host");
    Runtime.getRuntime().exec("ping -c 1 " + host); // ruleid
    String cmd = "nslookup " + req.getParameter("name");
    Process p = Runtime.getRuntime().exec(cmd); // ruleid
  }
}

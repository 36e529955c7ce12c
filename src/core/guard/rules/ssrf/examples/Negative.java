public class Proxy extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    URL url = new URL("https://api.example.com/status");
    InputStream in = url.openStream();
  }
}

public class Proxy extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
    URL url = new URL(request.getParameter("url")); // ruleid
    InputStream in = url.openStream();
  }
}

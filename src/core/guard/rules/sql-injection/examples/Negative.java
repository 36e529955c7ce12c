public class Users extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
    PreparedStatement ps = conn.prepareStatement("SELECT * FROM users WHERE id = ?");
    ps.setString(1, request.getParameter("id"));
    ResultSet rs = ps.executeQuery();
    ResultSet all = stmt.executeQuery("SELECT COUNT(*) FROM users");
    int n = Integer.parseInt(request.getParameter("n"));
    stmt.executeQuery("SELECT * FROM users LIMIT " + n);
    System.out.println("SELECT * FROM users WHERE id = " + request.getParameter("id"));
  }
}

import java.sql.*;
import javax.servlet.http.*;

public class Users extends HttpServlet {
  protected void doGet(HttpServletRequest request, HttpServletResponse response) throws Exception {
    String id = request.getParameter("id");
    Statement stmt = conn.createStatement();
    ResultSet rs = stmt.executeQuery("SELECT * FROM users WHERE id = '" + id + "'"); // ruleid
    String sql = "DELETE FROM orders WHERE owner = " + request.getParameter("owner");
    stmt.execute(sql); // ruleid
    StringBuilder sb = new StringBuilder("UPDATE t SET a = ");
    sb.append(request.getParameter("a"));
    stmt.executeUpdate(sb.toString()); // ruleid
  }
  List<Map<String, Object>> find(String name) {
    return jdbcTemplate.queryForList(String.format("SELECT * FROM users WHERE name = '%s'", name)); // ruleid
  }
}

class Setup {
  void users(Statement stat, String pw) throws SQLException {
    stat.execute("create user a password ''");
    PreparedStatement p = conn.prepareStatement("CREATE USER a PASSWORD ?");
    stat.execute("ALTER USER app IDENTIFIED BY '" + pw + "'");
    stat.execute("SELECT * FROM users WHERE password = 'x'");
    stat.execute("CREATE USER app PASSWORD 'changeme'");
  }
}

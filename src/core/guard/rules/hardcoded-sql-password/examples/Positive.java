class Setup {
  void users(Statement stat) throws SQLException {
    stat.execute("create user a password 'a'"); // ruleid
    stat.execute("ALTER USER app IDENTIFIED BY 'S3cret!'"); // ruleid
    stat.execute("CREATE LOGIN report WITH PASSWORD = 'r3p0rt'"); // ruleid
  }
}

class Clients {
  void setUp(CredentialsProvider provider, KeyStore ks, InputStream in, char[] pass) throws Exception {
    provider.setCredentials(AuthScope.ANY,
        new UsernamePasswordCredentials("user", System.getenv("PROXY_PASSWORD")));
    Connection c = DriverManager.getConnection("jdbc:postgresql://db/app", "app", System.getenv("DB_PASSWORD"));
    Connection h2 = DriverManager.getConnection("jdbc:h2:mem:test", "sa", "");
    ks.load(in, pass);
    ks.load(in, "changeit".toCharArray());
    ks.load(null, null);
    Connection m = DriverManager.getConnection(
        // an in-memory database with the default empty password
        "jdbc:h2:mem:", "sa", "");
    Connection p = DriverManager.getConnection(url, "sa", "${DB_PASSWORD}");
    Connection q = DriverManager.getConnection(url, props);
    PasswordAuthentication pa = new PasswordAuthentication("proxy", pass);
  }
}

class Sample {
  void run(String driver, String url, String user, String password) throws Exception {
    Connection conn = DriverManager.getConnection(url, user, password);
  }
  void open(String url, String name) { }
  public static void main(String... args) throws Exception {
    new Sample().run("org.h2.Driver", "jdbc:h2:mem:", "sa", "");
    new Sample().run("org.h2.Driver", "jdbc:h2:mem:", "sa", System.getenv("DB_PASSWORD"));
    new Sample().open("jdbc:h2:mem:", "sa");
  }
}

class Accounts {
  void reset(Connection conn, String pw) throws SQLException {
    PreparedStatement prep = conn.prepareStatement("update account set hash=hash('SHA256', stringtoutf8(salt||?), 10) where name=?");
    prep.setString(1, pw);
    prep.setString(2, "Joe");
    prep = conn.prepareStatement("SELECT * FROM users WHERE password_changed < ? AND name = ?");
    prep.setString(1, "2020-01-01");
    prep.setString(2, "Joe");
  }
}

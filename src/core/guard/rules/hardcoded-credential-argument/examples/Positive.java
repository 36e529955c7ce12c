class Clients {
  void setUp(CredentialsProvider provider, KeyStore ks, InputStream in) throws Exception {
    provider.setCredentials(AuthScope.ANY,
        new UsernamePasswordCredentials("user", "passwd")); // ruleid
    Connection c = DriverManager.getConnection("jdbc:postgresql://db/app", "app", "5hn8TPpqwDuX"); // ruleid
    ks.load(in, "s3cret".toCharArray()); // ruleid
    SSLContext ctx = SSLContexts.custom()
        .loadTrustMaterial(new File("my.keystore"), "nopassword".toCharArray(), // ruleid
            new TrustSelfSignedStrategy())
        .build();
    PasswordAuthentication pa = new PasswordAuthentication("proxy", "pr0xy".toCharArray()); // ruleid
    // Short or word-like, a password in a password's place is still a password.
    Connection h2 = DriverManager.getConnection("jdbc:h2:~/test", "sa", "sa"); // ruleid
    Connection a = DriverManager.getConnection("jdbc:h2:~/test", "a", "a"); // ruleid
    Connection w = DriverManager.getConnection(
        // the admin account
        "jdbc:h2:~/test", "admin", "password"); // ruleid
  }
}

// The sample's own method hands the password on to the driver: its parameter's name says what the literal is.
class Sample {
  void run(String driver, String url, String user, String password) throws Exception {
    Connection conn = DriverManager.getConnection(url, user, password);
  }
  public static void main(String... args) throws Exception {
    new Sample().run("org.h2.Driver",
        "jdbc:h2:./test", "sa", "sa"); // ruleid
  }
}

// A literal bound to the placeholder of a password column (H2's SecurePassword sample).
class Accounts {
  void reset(Connection conn) throws SQLException {
    PreparedStatement prep = conn.prepareStatement(
        "update account set " +
        "hash=hash('SHA256', stringtoutf8(salt||?), 10) " +
        "where name=?");
    prep.setString(1, "secret"); // ruleid
    prep.setString(2, "Joe");
    prep = conn.prepareStatement("SELECT * FROM users WHERE name = ? AND password = ?");
    prep.setString(1, "admin");
    prep.setString(2, "admin"); // ruleid
  }
}

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
  }
}

class Config {
  private static final String DB_PASSWORD = "correct-horse-battery"; // ruleid
  void init(Client c) {
    c.setApiKey("9fQ2xL7kP3mZ8vB1nR5tW4yH6jD0cA"); // ruleid
  }
  boolean isAdmin(String password) {
    return "Tr0ub4dor&3".equals(password); // ruleid
  }
  boolean isRoot(User u) {
    return u.password.equals("root"); // ruleid
  }
  private static final char[] KEYSTORE_PASSWORD = "storepass".toCharArray(); // ruleid
  private static final String SMTP_PASSWORD = new String(Base64.getDecoder().decode("aHVudGVyMg==")); // ruleid
  // A password as characters is still a literal password (H2's SecurePassword sample).
  char[] password = {'t', 'i', 'a', 'E', 'T', 'r', 'p'}; // ruleid
  // Short or the bare word, held by a variable that says what the password is for.
  String user = "sa", dbPassword = "sa"; // ruleid
  String filePassword = "password"; // ruleid
}

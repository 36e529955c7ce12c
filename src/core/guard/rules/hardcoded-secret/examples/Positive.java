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
}

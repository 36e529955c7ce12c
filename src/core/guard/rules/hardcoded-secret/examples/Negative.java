class Config {
  private static final String DB_PASSWORD = System.getenv("DB_PASSWORD");
  private static final String PASSWORD_FIELD = "password";
  void init(Client c) {
    c.setApiKey(System.getenv("API_KEY"));
  }
  boolean isEmpty(String password) {
    return "".equals(password);
  }
  boolean isField(String name) {
    return "password".equals(name);
  }
  private static final char[] KEYSTORE_PASSWORD = System.getenv("KEYSTORE_PASSWORD").toCharArray();
  private static final String PASSWORD_ENV = "KEYSTORE_PASSWORD";
  private static final String SMTP_PASSWORD = new String(Base64.getDecoder().decode(System.getenv("SMTP_PASSWORD_B64")));
  char[] password = input.toCharArray();
  char[] separators = {'/', '\\'};
  char[] passwordChars = {'x'};
  public static final String KEY_PASSWORD = "password";
  String paramPassword = "password";
}

class Config {
  private static final String DB_PASSWORD = System.getenv("DB_PASSWORD");
  private static final String PASSWORD_FIELD = "password";
  void init(Client c) {
    c.setApiKey(System.getenv("API_KEY"));
  }
}

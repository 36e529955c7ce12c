class Config {
  private static final String DB_PASSWORD = "correct-horse-battery"; // ruleid
  void init(Client c) {
    c.setApiKey("9fQ2xL7kP3mZ8vB1nR5tW4yH6jD0cA"); // ruleid
  }
}

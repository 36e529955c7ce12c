class Db {
  String url() { return "jdbc:postgresql://db/app?ssl=true&sslmode=verify-full"; }
  void mail(Properties p) {
    p.put("mail.smtp.ssl.trust", "smtp.example.com");
  }
}

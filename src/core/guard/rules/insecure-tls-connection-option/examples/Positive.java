class Db {
  String url() { return "jdbc:postgresql://db/app?ssl=true&sslfactory=org.postgresql.ssl.NonValidatingFactory"; } // ruleid
  void mail(Properties p) {
    p.put("mail.smtp.ssl.trust", "*"); // ruleid
  }
}

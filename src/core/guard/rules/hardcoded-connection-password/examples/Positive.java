class Db {
  String url = "jdbc:postgresql://app:S3cr3tPw@db.internal/app"; // ruleid
}

class Db {
  String url = "jdbc:postgresql://db.internal/app";
}

class Gh {
  String auth() { return "token " + System.getenv("GITHUB_TOKEN"); }
}

class Tar {
  void archive(String name) throws IOException {
    new ProcessBuilder("tar", "czf", "out.tgz", name).start();
    new ProcessBuilder("sh", "-c", "make clean").start();
  }

  static Process sh(String line) throws IOException {
    return new ProcessBuilder("sh", "-c", line).start();
  }
  static Process clean() throws IOException {
    return sh("make clean");
  }
}

class Tar {
  void archive(String name) throws IOException {
    new ProcessBuilder("tar", "czf", "out.tgz", name).start();
    new ProcessBuilder("sh", "-c", "make clean").start();
  }
}

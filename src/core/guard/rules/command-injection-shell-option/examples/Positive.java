class Tar {
  void archive(String name) throws IOException {
    new ProcessBuilder("sh", "-c", "tar czf out.tgz " + name).start(); // ruleid
    Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", "ls " + name}); // ruleid
  }
}

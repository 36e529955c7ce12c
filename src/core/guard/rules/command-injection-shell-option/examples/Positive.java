class Tar {
  void archive(String name) throws IOException {
    new ProcessBuilder("sh", "-c", "tar czf out.tgz " + name).start(); // ruleid
    Runtime.getRuntime().exec(new String[] {"/bin/sh", "-c", "ls " + name}); // ruleid
  }

  // A helper that runs its parameter through sh -c is a sink at its call sites.
  static Process sh(String line) throws IOException {
    return new ProcessBuilder("sh", "-c", line).start();
  }
  static Process archive(String name) throws IOException {
    return sh("tar czf out.tgz " + name); // ruleid
  }
}

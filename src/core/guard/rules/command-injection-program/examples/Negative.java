class Tools {
  void run(HttpServletRequest req) throws Exception {
    String branch = req.getParameter("branch");
    new ProcessBuilder("git", "log", "--", branch).start();
    new ProcessBuilder(java.util.List.of("tar", "czf", "/tmp/" + branch + ".tgz", "/srv/data")).start();
    new ProcessBuilder(Arrays.asList(branch, "--version")).start();
  }
}

class Tools {
  void run(HttpServletRequest req) throws Exception {
    String tool = req.getParameter("tool");
    new ProcessBuilder(tool, "--version").start(); // ruleid
  }
}

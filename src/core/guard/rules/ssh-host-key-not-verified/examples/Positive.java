class Remote {
  void connect(JSch jsch, Session session, SshClient client) throws Exception {
    java.util.Properties config = new java.util.Properties();
    config.put("StrictHostKeyChecking", "no"); // ruleid
    session.setConfig("StrictHostKeyChecking", "no"); // ruleid
    client.setServerKeyVerifier(AcceptAllServerKeyVerifier.INSTANCE); // ruleid
    new ProcessBuilder("ssh", "-oStrictHostKeyChecking=no", host).start(); // ruleid
  }
  static class TrustingUser implements UserInfo {
    public boolean promptYesNo(String message) {
      // any new or changed host key is accepted
      return true; // ruleid
    }
    public String getPassword() { return null; }
  }
}

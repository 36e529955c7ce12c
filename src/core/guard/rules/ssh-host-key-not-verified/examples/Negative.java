class Remote {
  void connect(JSch jsch, Session session) throws Exception {
    jsch.setKnownHosts("~/.ssh/known_hosts");
    java.util.Properties config = new java.util.Properties();
    config.put("StrictHostKeyChecking", "yes");
    session.setConfig("PreferredAuthentications", "no");
    session.setConfig("StrictHostKeyChecking", "ask");
  }
  static class AskingUser implements UserInfo {
    public boolean promptYesNo(String message) {
      int answer = JOptionPane.showConfirmDialog(null, message);
      return answer == JOptionPane.YES_OPTION;
    }
    public boolean promptPassword(String message) {
      return true;
    }
  }
}

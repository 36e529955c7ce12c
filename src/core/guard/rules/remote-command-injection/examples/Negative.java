class Remote {
  void tail(Session session) throws Exception {
    ChannelExec ch = (ChannelExec) session.openChannel("exec");
    ch.setCommand("uptime");
  }
}

class Remote {
  void tail(Session session, String name) throws Exception {
    ChannelExec ch = (ChannelExec) session.openChannel("exec");
    ch.setCommand("tail -n 50 /var/log/" + name); // ruleid
  }
}

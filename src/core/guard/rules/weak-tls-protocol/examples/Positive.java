class Tls {
  SSLContext ctx() throws Exception { return SSLContext.getInstance("SSLv3"); } // ruleid
}

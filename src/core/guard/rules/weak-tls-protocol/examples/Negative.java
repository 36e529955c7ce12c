class Tls {
  SSLContext ctx() throws Exception { return SSLContext.getInstance("TLSv1.3"); }
}

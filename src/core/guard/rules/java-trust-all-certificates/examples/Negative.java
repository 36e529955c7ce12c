class PinningTrustManager implements X509TrustManager {
  public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { delegate.checkClientTrusted(c, a); }
  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {
    delegate.checkServerTrusted(c, a);
    pin(c[0]);
  }
  SSLContext ctx() throws Exception { return SSLContexts.custom().loadTrustMaterial(trustStore, null).build(); }
}

class PinningTrustManager implements X509TrustManager {
  public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { delegate.checkClientTrusted(c, a); }
  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {
    delegate.checkServerTrusted(c, a);
    pin(c[0]);
  }
}

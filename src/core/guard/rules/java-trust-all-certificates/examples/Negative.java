class PinningTrustManager implements X509TrustManager {
  public void checkClientTrusted(X509Certificate[] c, String a) throws CertificateException { delegate.checkClientTrusted(c, a); }
  public void checkServerTrusted(X509Certificate[] c, String a) throws CertificateException {
    delegate.checkServerTrusted(c, a);
    pin(c[0]);
  }
  SSLContext ctx() throws Exception { return SSLContexts.custom().loadTrustMaterial(trustStore, null).build(); }
}
class PinnedStrategy implements TrustStrategy {
  public boolean isTrusted(X509Certificate[] chain, String authType) {
    if (chain.length == 0) return false;
    return PINS.contains(fingerprint(chain[0]));
  }
}
class DelegatingStrategy implements TrustStrategy {
  public boolean isTrusted(X509Certificate[] chain, String authType) {
    return false;
  }
}
class Roles {
  public boolean isTrusted(String role) {
    return true;
  }
}

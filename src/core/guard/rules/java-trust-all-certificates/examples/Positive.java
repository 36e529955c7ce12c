TrustManager[] trustAll = new TrustManager[] {
  new X509TrustManager() {
    @Override
    public void checkClientTrusted(X509Certificate[] c, String a) {} // ruleid
    public void checkServerTrusted(X509Certificate[] c, String a) { // ruleid
      // trust everyone
    }
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
  }
};
SSLContext a = SSLContexts.custom().loadTrustMaterial(new TrustSelfSignedStrategy()).build(); // ruleid
SSLContext b = SSLContextBuilder.create().loadTrustMaterial(null, (chain, type) -> true).build(); // ruleid
class TrustEverything implements TrustStrategy {
  @Override
  public boolean isTrusted(final X509Certificate[] chain, final String authType) throws CertificateException {
    // trust all
    return true; // ruleid
  }
}
class TrustAnySelfSigned implements TrustStrategy {
  public boolean isTrusted(X509Certificate[] certs, String authType) {
    return certs.length == 1; // ruleid
  }
}

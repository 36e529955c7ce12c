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

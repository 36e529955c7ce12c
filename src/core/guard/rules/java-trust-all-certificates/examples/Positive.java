TrustManager[] trustAll = new TrustManager[] {
  new X509TrustManager() {
    public void checkClientTrusted(X509Certificate[] c, String a) {} // ruleid
    public void checkServerTrusted(X509Certificate[] c, String a) { // ruleid
      // trust everyone
    }
    public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
  }
};

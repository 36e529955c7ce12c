class Client {
  void connect(FTPSClient ftps, KeyStore keyStore) throws Exception {
    ftps.setTrustManager(TrustManagerUtils.getDefaultTrustManager(keyStore));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(keyStore);
    X509TrustManager tm = getSystemTrustManager();
    browser.acceptAllCookies();
    TrustManager pinned = new PinningTrustManager(PINS);
    // Named by the other rule (java-trust-all-certificates), not repeated here.
    SSLContext s = SSLContexts.custom().loadTrustMaterial(new TrustAllStrategy()).build();
  }
}

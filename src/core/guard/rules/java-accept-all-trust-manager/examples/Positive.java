class Client {
  void connect(FTPSClient ftps, SSLContext ctx) throws Exception {
    ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager()); // ruleid
    TrustManager[] tms = { new TrustAllX509TrustManager() }; // ruleid
    ctx.init(null, new TrustManager[] {
      createInsecureTrustManager() // ruleid
    }, null);
    OkHttpClient c = builder.sslSocketFactory(factory, new NaiveTrustManager()).build(); // ruleid
    SSLContext s = SSLContexts.custom().loadTrustMaterial(null, newTrustAllTrustStrategy()).build(); // ruleid
  }
}

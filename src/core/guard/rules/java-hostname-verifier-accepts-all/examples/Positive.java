class Insecure {
  void setup(HttpsURLConnection conn, HttpClientBuilder b, OkHttpClient.Builder ok) {
    conn.setHostnameVerifier(new HostnameVerifier() {
      public boolean verify(String host, SSLSession s) { return true; } // ruleid
    });
    HttpsURLConnection.setDefaultHostnameVerifier((h, s) -> true); // ruleid
    b.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE); // ruleid
    ok.hostnameVerifier((hostname, session) -> true); // ruleid
    HostnameVerifier any = (host, session) -> true; // ruleid
  }
  static class AllowAll implements HostnameVerifier {
    @Override
    public boolean verify(String hostname, SSLSession session) {
      // accept everything
      return true; // ruleid
    }
  }
}
class AllowEverything extends AbstractVerifier {
  @Override
  public final void verify( // ruleid
      final String host,
      final String[] cns,
      final String[] subjectAlts) {
    // Allow everything - so never blowup.
  }
}

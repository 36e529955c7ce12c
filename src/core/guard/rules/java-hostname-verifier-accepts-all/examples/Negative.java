class Secure {
  void setup(HttpsURLConnection conn, HttpClientBuilder b) {
    conn.setHostnameVerifier((h, s) -> h.equals("api.example.com") && HttpsURLConnection.getDefaultHostnameVerifier().verify(h, s));
    b.setSSLHostnameVerifier(new DefaultHostnameVerifier());
  }
  boolean verify(String token) { return true; }
}
class StrictVerifier extends AbstractVerifier {
  @Override
  public final void verify(final String host, final String[] cns, final String[] subjectAlts) throws SSLException {
    verify(host, cns, subjectAlts, true);
  }
  public void verify(int count) {
  }
}

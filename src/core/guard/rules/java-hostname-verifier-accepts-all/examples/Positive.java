class Insecure {
  void setup(HttpsURLConnection conn, HttpClientBuilder b) {
    conn.setHostnameVerifier(new HostnameVerifier() {
      public boolean verify(String host, SSLSession s) { return true; } // ruleid
    });
    HttpsURLConnection.setDefaultHostnameVerifier((h, s) -> true); // ruleid
    b.setSSLHostnameVerifier(NoopHostnameVerifier.INSTANCE); // ruleid
  }
}

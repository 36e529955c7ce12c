class Secure {
  void setup(HttpsURLConnection conn, HttpClientBuilder b) {
    conn.setHostnameVerifier((h, s) -> h.equals("api.example.com") && HttpsURLConnection.getDefaultHostnameVerifier().verify(h, s));
    b.setSSLHostnameVerifier(new DefaultHostnameVerifier());
  }
  boolean verify(String token) { return true; }
}

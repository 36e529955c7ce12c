class DatesOnly implements X509TrustManager {
  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException { // ruleid
    for (X509Certificate c : chain) c.checkValidity();
  }

  @Override
  public void checkServerTrusted(final X509Certificate[] certificates, final String authType) throws CertificateException { // ruleid
    if (checkValidity) {
      for (final X509Certificate certificate : certificates) {
        certificate.checkValidity();
      }
    }
  }

  public X509Certificate[] getAcceptedIssuers() { return new X509Certificate[0]; }
}

TrustManager logsOnly = new X509TrustManager() {
  public void checkServerTrusted(X509Certificate[] chain, String s) { // ruleid
    if (logger.isDebugEnabled()) {
      logger.debug("Accepting a server certificate: " + chain[0].getSubjectDN());
    }
  }
  public void checkClientTrusted(X509Certificate[] chain, String s) {}
  public X509Certificate[] getAcceptedIssuers() { return EMPTY; }
};

class SwallowsNothingButCounts extends X509ExtendedTrustManager {
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) { // ruleid
    seen.incrementAndGet();
    return;
  }
}

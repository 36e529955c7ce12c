class Delegating implements X509TrustManager {
  public void checkServerTrusted(X509Certificate[] chain, String s) throws CertificateException {
    defaultTrustManager.checkServerTrusted(chain, s);
    for (X509Certificate c : chain) c.checkValidity();
  }
  public void checkClientTrusted(X509Certificate[] chain, String s) throws CertificateException {
    throw new CertificateException("client certificates are not accepted");
  }
  public X509Certificate[] getAcceptedIssuers() { return defaultTrustManager.getAcceptedIssuers(); }
}

class Pinned implements X509TrustManager {
  public void checkServerTrusted(X509Certificate[] chain, String s) throws CertificateException {
    checkTrusted("server", chain);
  }
  public void checkClientTrusted(X509Certificate[] chain, String s) throws CertificateException {
    if (!PIN.equals(fingerprint(chain[0]))) {
      throw new CertificateException("pin mismatch");
    }
  }
}

class Validating implements X509TrustManager {
  public void checkServerTrusted(X509Certificate[] chain, String s) throws CertificateException {
    validator.validate(certPathOf(chain), params);
  }
}

// An empty check is the other rule's (java-trust-all-certificates).
class Empty implements X509TrustManager {
  public void checkServerTrusted(X509Certificate[] chain, String s) {}
}

interface Checker {
  void checkServerTrusted(X509Certificate[] chain, String s) throws CertificateException;
}

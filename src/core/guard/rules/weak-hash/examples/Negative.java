class Hash {
  byte[] h(byte[] data) throws Exception { return MessageDigest.getInstance("SHA-256").digest(data); }
}
class QualifiedHash {
  byte[] h(byte[] data) throws Exception { return java.security.MessageDigest.getInstance("SHA-512", "SUN").digest(data); }
  String hex(String data) { return org.apache.commons.codec.digest.DigestUtils.sha256Hex(data); }
}
class ConstantHash {
  private static final String ALG = "SHA-256";
  byte[] h(byte[] data) throws Exception { return MessageDigest.getInstance(ALG).digest(data); }
  byte[] chosen(byte[] data, String alg) throws Exception { return MessageDigest.getInstance(alg).digest(data); }
}

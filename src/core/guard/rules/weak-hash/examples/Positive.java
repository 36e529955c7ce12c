class Hash {
  byte[] h(byte[] pw) throws Exception { return MessageDigest.getInstance("MD5").digest(pw); } // ruleid
}
class QualifiedHash {
  byte[] h(byte[] pw) throws Exception { return java.security.MessageDigest.getInstance("SHA1", "SUN").digest(pw); } // ruleid
  String hex(String pw) { return org.apache.commons.codec.digest.DigestUtils.md5Hex(pw); } // ruleid
}
class ConstantHash {
  private static final String ALG = "MD5";
  byte[] h(byte[] pw) throws Exception { return MessageDigest.getInstance(ALG).digest(pw); } // ruleid
}

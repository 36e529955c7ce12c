class Hash {
  byte[] h(byte[] pw) throws Exception { return MessageDigest.getInstance("MD5").digest(pw); } // ruleid
}

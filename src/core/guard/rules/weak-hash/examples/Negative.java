class Hash {
  byte[] h(byte[] data) throws Exception { return MessageDigest.getInstance("SHA-256").digest(data); }
}

class Enc {
  Cipher c() throws Exception { return Cipher.getInstance("AES"); } // ruleid
  Cipher d() throws Exception { return Cipher.getInstance("DES/CBC/PKCS5Padding"); } // ruleid
}

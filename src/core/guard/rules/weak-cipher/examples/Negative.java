class Enc {
  Cipher c() throws Exception { return Cipher.getInstance("AES/GCM/NoPadding"); }
}

class Enc {
  Cipher c() throws Exception { return Cipher.getInstance("AES"); } // ruleid
  Cipher d() throws Exception { return Cipher.getInstance("DES/CBC/PKCS5Padding"); } // ruleid
}
class QualifiedEnc {
  javax.crypto.Cipher d() throws Exception { return javax.crypto.Cipher.getInstance("DES/CBC/PKCS5Padding", "SunJCE"); } // ruleid
}

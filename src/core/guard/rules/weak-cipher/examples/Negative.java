class Enc {
  Cipher c() throws Exception { return Cipher.getInstance("AES/GCM/NoPadding"); }
}
class QualifiedEnc {
  javax.crypto.Cipher c() throws Exception { return javax.crypto.Cipher.getInstance("AES/GCM/NOPADDING"); }
}

class Crypto {
  SecretKeySpec key = new SecretKeySpec(loadKey(), "AES");
}

class Crypto {
  SecretKeySpec key = new SecretKeySpec("sixteen byte key".getBytes(), "AES"); // ruleid
}

class Tokens {
  String otp() { return String.valueOf(new SecureRandom().nextInt(999999)); }
  int backoffMillis() { return new Random().nextInt(500); }
}

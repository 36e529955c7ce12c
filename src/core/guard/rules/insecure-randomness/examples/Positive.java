class Tokens {
  private final Random random = new Random();
  String otp() { return String.valueOf(new Random().nextInt(999999)); } // ruleid
  String resetToken = Long.toHexString(Double.doubleToLongBits(Math.random())); // ruleid
  String sessionId() { return new BigInteger(130, random).toString(32); } // ruleid
  int pin() { int pin = random.nextInt(10000); return pin; } // ruleid
  String resetCode() { Random rng = new Random(); return String.valueOf(rng.nextInt(999999)); } // ruleid
}

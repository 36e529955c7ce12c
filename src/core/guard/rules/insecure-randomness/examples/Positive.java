class Tokens {
  String otp() { return String.valueOf(new Random().nextInt(999999)); } // ruleid
  String resetToken = Long.toHexString(Double.doubleToLongBits(Math.random())); // ruleid
}

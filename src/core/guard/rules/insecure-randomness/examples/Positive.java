class Tokens {
  private final Random random = new Random();
  String otp() { return String.valueOf(new Random().nextInt(999999)); } // ruleid
  String resetToken = Long.toHexString(Double.doubleToLongBits(Math.random())); // ruleid
  String sessionId() { return new BigInteger(130, random).toString(32); } // ruleid
  int pin() { int pin = random.nextInt(10000); return pin; } // ruleid
  String resetCode() { Random rng = new Random(); return String.valueOf(rng.nextInt(999999)); } // ruleid
}
// A generator stored in a field by one method and used for session ids by another (Jetty's initRandom()).
class SessionIds {
  private Random generator;
  SessionIds() {
    generator = new Random(); // ruleid
  }
  String newSessionId() { return Long.toString(generator.nextLong(), 36); } // ruleid
}
class Ids {
  Ids() { this.rnd = new Random(); } // ruleid
  String nextToken() { return Integer.toHexString(this.rnd.nextInt()); }
}
// Fully-qualified names, and a number that becomes a token through another variable.
class RememberMe {
  void remember(HttpServletResponse response) {
    float rand = new java.util.Random().nextFloat(); // ruleid
    String rememberMeKey = Float.toString(rand).substring(2);
    response.addCookie(new Cookie("rememberMe", rememberMeKey));
    double d = java.lang.Math.random(); // ruleid
    String sessionToken = Double.toString(d);
  }
}

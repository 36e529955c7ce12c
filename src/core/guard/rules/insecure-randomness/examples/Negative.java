class Tokens {
  private final SecureRandom random = new SecureRandom();
  String otp() { return String.valueOf(new SecureRandom().nextInt(999999)); }
  int backoffMillis() { return new Random().nextInt(500); }
  String sessionId() { return new BigInteger(130, random).toString(32); }
  String apiKey = RandomStringUtils.random(40, 0, 0, true, true, null, secureRandom);
  String resetCode() { Random rng = new SecureRandom(); return String.valueOf(rng.nextInt(999999)); }
}
class Sampler {
  private Random generator;
  private SecureRandom ids;
  Sampler() {
    generator = new Random();
    ids = new SecureRandom();
  }
  int pick(int n) { return generator.nextInt(n); }
  String newSessionId() { return Long.toString(ids.nextLong(), 36); }
}
class RememberMe {
  void remember(HttpServletResponse response) throws Exception {
    float rand = java.security.SecureRandom.getInstance("SHA1PRNG").nextFloat();
    String rememberMeKey = Float.toString(rand).substring(2);
    int delay = new java.util.Random().nextInt(100);
    long waitMillis = delay * 10L;
  }
}

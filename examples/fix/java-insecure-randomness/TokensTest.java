public class TokensTest {
    public static void main(String[] args) {
        String a = Tokens.resetToken();
        String b = Tokens.resetToken();
        if (a.length() < 32) throw new AssertionError("too short: " + a);
        if (a.equals(b)) throw new AssertionError("two tokens are the same");
        System.out.println("ok");
    }
}

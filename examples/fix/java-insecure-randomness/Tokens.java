import java.util.Random;

public class Tokens {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

    /** The token sent in a password-reset link. */
    public static String resetToken() {
        Random random = new Random();
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 32; i++) sb.append(ALPHABET.charAt(random.nextInt(ALPHABET.length())));
        return sb.toString();
    }
}

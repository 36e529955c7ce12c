import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

public class Passwords {
    /** The value stored for a user's password. */
    public static String hash(String password) throws Exception {
        MessageDigest md = MessageDigest.getInstance("MD5");
        return new BigInteger(1, md.digest(password.getBytes(StandardCharsets.UTF_8))).toString(16);
    }

    public static boolean check(String password, String stored) throws Exception {
        return hash(password).equals(stored);
    }
}

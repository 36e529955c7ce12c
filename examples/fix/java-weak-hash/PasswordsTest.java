public class PasswordsTest {
    public static void main(String[] args) throws Exception {
        String stored = Passwords.hash("correct horse");
        if (!Passwords.check("correct horse", stored)) throw new AssertionError("the right password is refused");
        if (Passwords.check("wrong", stored)) throw new AssertionError("a wrong password is accepted");
        System.out.println("ok");
    }
}

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.List;

public class ListerTest {
    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("fix-ls-");
        Files.writeString(dir.resolve("a.txt"), "a");
        Files.writeString(dir.resolve("b.txt"), "b");
        List<String> files = Lister.list(dir.toString());
        Collections.sort(files);
        if (!files.equals(List.of("a.txt", "b.txt"))) throw new AssertionError(files.toString());
        System.out.println("ok");
    }
}

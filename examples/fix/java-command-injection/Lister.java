import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.util.ArrayList;
import java.util.List;

public class Lister {
    /** The files of a folder the user names. */
    public static List<String> list(String dir) throws Exception {
        Process p = Runtime.getRuntime().exec("ls " + dir);
        List<String> out = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream()))) {
            String line;
            while ((line = r.readLine()) != null) out.add(line);
        }
        p.waitFor();
        return out;
    }
}

package vn.onedesk.gateway.readme;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The repository's README, read by the tests that run its commands as written, so that it cannot drift. */
final class Readme {
    private static final Pattern SH_BLOCK = Pattern.compile("```sh\\n(.*?)```", Pattern.DOTALL);

    private Readme() {
    }

    /**
     * The {@code sh} blocks from a heading (e.g. {@code "\n## Try the demo"}) to the next heading of level two or
     * three. Comments inside blocks start with "# ", so they are never taken for a heading.
     */
    static List<String> blocks(String heading) throws IOException {
        String readme = Files.readString(file(), StandardCharsets.UTF_8);
        int from = readme.indexOf(heading);
        assertTrue(from >= 0, "the README has " + heading.trim());
        int to = readme.length();
        for (String next : List.of("\n## ", "\n### ")) {
            int at = readme.indexOf(next, from + 1);
            if (at >= 0 && at < to) {
                to = at;
            }
        }
        List<String> blocks = new ArrayList<>();
        Matcher m = SH_BLOCK.matcher(readme.substring(from, to));
        while (m.find()) {
            blocks.add(m.group(1));
        }
        return blocks;
    }

    static Path file() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !(Files.isRegularFile(dir.resolve("README.md")) && Files.isDirectory(dir.resolve("gateway")))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("cannot find the repository's README.md above " + Path.of("").toAbsolutePath());
        }
        return dir.resolve("README.md");
    }
}

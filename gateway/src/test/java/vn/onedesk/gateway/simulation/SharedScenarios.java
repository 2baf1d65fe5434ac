package vn.onedesk.gateway.simulation;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;

/** The reference scenarios in {@code ../shared/scenarios}, found from the module or the repository root. */
final class SharedScenarios {
    private SharedScenarios() {
    }

    static Path file(String name) {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/scenarios").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return fail("cannot find shared/scenarios/" + name + " beside the repository (tests read ../shared)");
    }
}

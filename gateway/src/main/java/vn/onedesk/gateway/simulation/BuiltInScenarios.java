package vn.onedesk.gateway.simulation;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import vn.onedesk.engine.simulation.Scenario;

/**
 * The reference scenarios the jar ships (in the repository under {@value #FOLDER_IN_REPOSITORY}), so
 * that {@code simulate --scenario provincial-centre} works from a plain clone, and a scenario given as a
 * path to a file of one's own still works as before. A file wins over a built-in name: a user who keeps
 * a file called {@code commune-desk} in the working directory means that file.
 */
public final class BuiltInScenarios {
    /** Where the shipped scenarios live in the repository, for people who want to copy and edit one. */
    public static final String FOLDER_IN_REPOSITORY = "gateway/src/main/resources/scenarios";

    /** The names, in the order help texts list them. */
    public static final List<String> NAMES = List.of("provincial-centre", "provincial-centre-rush", "commune-desk");

    private BuiltInScenarios() {
    }

    /** The scenario named by a file path or by a built-in name; blocking (reads a file or the jar). */
    public static Scenario read(String fileOrName) throws ScenarioException {
        Path file = Path.of(fileOrName);
        if (Files.exists(file)) {
            return ScenarioReader.read(file);
        }
        Optional<String> text = shipped(fileOrName);
        if (text.isPresent()) {
            return ScenarioReader.parse(fileOrName, text.get());
        }
        throw new ScenarioException(fileOrName, List.of("no such file, and no built-in scenario of that name"
                + " (built-in: " + String.join(", ", NAMES) + ")"));
    }

    /** The JSON of a built-in scenario, by name (with or without {@code .json}). */
    public static Optional<String> shipped(String name) {
        String bare = name.endsWith(".json") ? name.substring(0, name.length() - ".json".length()) : name;
        if (!NAMES.contains(bare)) {
            return Optional.empty();
        }
        String resource = "/scenarios/" + bare + ".json";
        try (InputStream in = BuiltInScenarios.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + resource);
            }
            return Optional.of(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + resource + " from the jar", e);
        }
    }
}

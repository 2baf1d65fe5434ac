package vn.onedesk.gateway.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.onedesk.engine.simulation.Scenario;

/** The scenarios the jar ships, so that a plain clone can simulate without {@code ../shared}. */
class BuiltInScenariosTest {

    @Test
    void theJarShipsEveryReferenceScenarioUnchanged() throws Exception {
        for (String name : BuiltInScenarios.NAMES) {
            JsonObject shipped = new JsonObject(BuiltInScenarios.shipped(name).orElseThrow());
            assertEquals(new JsonObject(Files.readString(SharedScenarios.file(name + ".json"))), shipped,
                    name + " drifted from ../shared/scenarios");
            // and the copy in the repository is the one the jar carries
            Path inRepository = repositoryRoot().resolve(BuiltInScenarios.FOLDER_IN_REPOSITORY).resolve(name + ".json");
            assertEquals(new JsonObject(Files.readString(inRepository)), shipped, inRepository.toString());
        }
    }

    @Test
    void aBuiltInScenarioIsReadByItsName() throws Exception {
        Scenario commune = BuiltInScenarios.read("commune-desk");
        assertEquals(95, commune.demand().visitsPerDay());
        assertEquals(BuiltInScenarios.read("provincial-centre-rush.json").name(),
                BuiltInScenarios.read("provincial-centre-rush").name());
    }

    @Test
    void aFileOfTheSameNameWinsOverTheBuiltInOne(@TempDir Path dir) throws Exception {
        Path own = dir.resolve("commune-desk");
        JsonObject edited = new JsonObject(BuiltInScenarios.shipped("commune-desk").orElseThrow());
        edited.getJsonObject("demand").put("visitsPerDay", 42);
        Files.writeString(own, edited.encode());
        assertEquals(42, BuiltInScenarios.read(own.toString()).demand().visitsPerDay());
    }

    @Test
    void anUnknownNameListsTheBuiltInScenarios() {
        ScenarioException e = assertThrows(ScenarioException.class, () -> BuiltInScenarios.read("district-centre"));
        assertTrue(e.getMessage().contains("district-centre"), e.getMessage());
        for (String name : BuiltInScenarios.NAMES) {
            assertTrue(e.getMessage().contains(name), e.getMessage());
        }
    }

    @Test
    void simulateRunsABuiltInScenarioByName() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulateCommand.run(List.of("--scenario", "commune-desk", "--runs", "1", "--format", "json"),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(SimulateCommand.OK, exit, err.toString(StandardCharsets.UTF_8));
        assertEquals("commune-desk", new JsonObject(out.toString(StandardCharsets.UTF_8)).getString("scenario"));
    }

    @Test
    void simulateOfAnUnknownScenarioExitsTwoAndNamesTheBuiltInOnes() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = SimulateCommand.run(List.of("--scenario", "../shared/scenarios/nowhere.json"),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(SimulateCommand.BAD_SCENARIO, exit);
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("provincial-centre-rush"), err.toString());
    }

    private static Path repositoryRoot() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null && !Files.isDirectory(dir.resolve(BuiltInScenarios.FOLDER_IN_REPOSITORY))) {
            dir = dir.getParent();
        }
        if (dir == null) {
            throw new AssertionError("cannot find " + BuiltInScenarios.FOLDER_IN_REPOSITORY + " above the working directory");
        }
        return dir;
    }
}

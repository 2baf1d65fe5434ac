package vn.onedesk.gateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import vn.onedesk.engine.centre.CentreDefinition;

/**
 * A coverage-guided fuzz target (Jazzer) for the configuration reader, which reads what an administrator types into
 * a file, what the administration API receives and what the database holds: any JSON object reads to a centre or
 * to a list of problems, never to an exception, and a centre read writes back to the same centre. Saved inputs run
 * in every build; {@code JAZZER_FUZZ=1} fuzzes (scripts/fuzz.sh).
 */
class ConfigJazzerFuzzTest {
    @FuzzTest(maxDuration = "20s")
    void anyCentreJsonReadsToACentreOrToProblemsAndNeverThrows(FuzzedDataProvider data) {
        JsonObject json;
        try {
            json = new JsonObject(data.consumeRemainingAsString());
        } catch (DecodeException | ClassCastException e) {
            return; // not a JSON object: the file reader answers that before this reader runs
        }
        List<String> problems = new ArrayList<>();
        CentreDefinition centre = CentreConfigReader.draft("centre", json, problems);
        if (centre == null) {
            assertFalse(problems.isEmpty(), "refused without saying why: " + json.encode());
            problems.forEach(p -> assertTrue(p.startsWith("centre"), p));
            return;
        }
        assertTrue(problems.isEmpty(), problems.toString());
        assertEquals(centre, CentreJson.read(CentreJson.write(centre)), "written and read back: " + json.encode());
    }
}

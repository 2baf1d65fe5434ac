package vn.onedesk.gateway.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.simulation.Demand;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.engine.simulation.ServiceTime;

/** Reading onedesk-scenario/1 files into the engine's scenario, and refusing broken ones readably. */
class SimulationScenarioReaderTest {

    private static JsonObject commune() throws Exception {
        return new JsonObject(Files.readString(SharedScenarios.file("commune-desk.json"), StandardCharsets.UTF_8));
    }

    private static List<String> problems(JsonObject json) {
        return assertThrows(ScenarioException.class, () -> ScenarioReader.parse("test.json", json.encode()))
                .problems();
    }

    @Test
    void theSharedScenariosReadIntoTheEngineWithEveryField() throws Exception {
        Scenario centre = ScenarioReader.read(SharedScenarios.file("provincial-centre.json"));
        assertEquals("provincial-centre", centre.name());
        assertEquals(24, centre.centre().counters().size());
        assertEquals(10, centre.centre().services().size());
        assertEquals("Tư pháp – Hộ tịch", centre.centre().service("TP").orElseThrow().name());
        assertEquals(650, centre.demand().visitsPerDay());
        assertEquals(0.17, centre.demand().arrivalShareByHour().get(8));
        assertEquals(0.16, centre.demand().serviceMix().get("BHXH"));
        assertEquals(List.of(new Demand.Transfer("BHXH", "KQ", 0.05), new Demand.Transfer("CA", "KQ", 0.05)),
                centre.demand().transfers());
        assertEquals(20231101L, centre.demand().seed());
        assertEquals(new ServiceTime(720, 0.7), centre.serviceTimes().get("DD"));
        // the estimators' prior is the scenario's mean; tickets are taken before opening and over lunch
        assertEquals(Duration.ofSeconds(720), centre.centre().service("DD").orElseThrow().expectedServiceTime());
        assertFalse(centre.centre().ticketsOnlyInSessions());
        assertEquals(Map.of(), centre.counterSessions());

        Scenario rush = ScenarioReader.read(SharedScenarios.file("provincial-centre-rush.json"));
        List<Session> afternoon = List.of(new Session(LocalTime.of(13, 30), LocalTime.of(17, 0)));
        assertEquals(Map.of("Q19", afternoon, "Q20", afternoon), rush.counterSessions());
        assertEquals(910, rush.demand().visitsPerDay());

        Scenario commune = ScenarioReader.read(SharedScenarios.file("commune-desk.json"));
        assertEquals(List.of(), commune.demand().transfers());
        assertEquals(3, commune.centre().counters().size());
    }

    @Test
    void everyProblemIsReportedWithItsPath() throws Exception {
        JsonObject json = commune();
        json.put("schema", "onedesk-scenario/0");
        JsonObject demand = json.getJsonObject("demand");
        demand.put("visitsPerDay", -5);
        demand.getJsonObject("arrivalShareByHour").put("25", 0.1);
        demand.getJsonObject("serviceMix").put("TP", "a lot");
        demand.put("noShowShare", 1.5);
        demand.put("transfers", new JsonArray().add(new JsonObject().put("from", "TP").put("share", 0.1)));
        json.getJsonObject("serviceTimeSeconds").getJsonObject("DD").put("distribution", "gamma").put("cv", -1);
        json.getJsonObject("centre").getJsonArray("counters").getJsonObject(2)
                .put("sessions", new JsonArray().add(new JsonObject().put("from", "13:30").put("to", "noon")));
        assertEquals(List.of(
                "schema: must be \"onedesk-scenario/1\", got 'onedesk-scenario/0'",
                "centre.counters[2].sessions[0].to: must be a time like 07:30, got 'noon'",
                "demand.visitsPerDay: must be more than zero, got -5",
                "demand.arrivalShareByHour.25: must be a clock hour \"00\" to \"23\"",
                "demand.serviceMix.TP: must be a number, got 'a lot'",
                "demand.noShowShare: must be a share from 0 to 1, got 1.5",
                "demand.transfers[0].to: required text is missing",
                "serviceTimeSeconds.DD.distribution: only \"lognormal\" is supported, got 'gamma'",
                "serviceTimeSeconds.DD.cv: must be zero or more, got -1"), problems(json));
    }

    @Test
    void theCentreIsCheckedAsTheGatewayChecksItsConfiguration() throws Exception {
        JsonObject json = commune();
        json.getJsonObject("centre").getJsonArray("counters").getJsonObject(2).put("primary", new JsonArray().add("TP"));
        List<String> problems = problems(json);
        assertEquals(List.of("centre: counter Q03 (CONG_AN) may not serve TP, which is served by [POSTAL]",
                "centre: no counter can serve service CA"), problems);
    }

    @Test
    void sharesThatDoNotAddUpAndUnknownNamesAreRefused() throws Exception {
        JsonObject json = commune();
        json.getJsonObject("demand").getJsonObject("serviceMix").put("TP", 0.5).put("XX", 0.1);
        json.getJsonObject("serviceTimeSeconds").remove("KQ");
        List<String> problems = problems(json);
        assertEquals(List.of("demand.serviceMix must sum to 1, sums to 1.3"), problems);
        json.getJsonObject("demand").getJsonObject("serviceMix").put("TP", 0.2);
        assertEquals(List.of("service KQ is in demand.serviceMix but has no serviceTimeSeconds",
                "demand.serviceMix names unknown service XX"), problems(json));
    }

    @Test
    void aFileThatIsNotJsonOrMissingIsNamed() {
        ScenarioException notJson = assertThrows(ScenarioException.class,
                () -> ScenarioReader.parse("broken.json", "{\"schema\": "));
        assertTrue(notJson.getMessage().startsWith("broken.json is not a usable scenario:\n  - not a JSON object"),
                notJson.getMessage());
        ScenarioException missing = assertThrows(ScenarioException.class,
                () -> ScenarioReader.read(java.nio.file.Path.of("no/such/scenario.json")));
        assertEquals(List.of("no such file"), missing.problems());
    }
}

package vn.onedesk.gateway.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.gateway.config.ConfigLoader;
import vn.onedesk.gateway.config.GatewayConfig;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.gateway.devices.PasswordHash;

/** Who the demo traffic plays, and the day it plays. */
class DemoCastTest {
    private final GatewayConfig demo = ConfigLoader.load(Map.of());
    private final CentreDefinition centre = demo.centres().get(0);

    @Test
    void theSimulationPlaysKiosk2AndTheTerminalsOfQ03ToQ24WithTheirDemoPasswords() {
        DemoCast cast = DemoCast.of(centre, demo.devices());
        assertEquals("kiosk-2", cast.kiosk().device());
        assertEquals("demo", cast.kiosk().password());
        List<String> counters = cast.terminals().stream().map(t -> t.counter().id()).toList();
        assertEquals(22, counters.size());
        assertEquals("Q03", counters.get(0));
        assertEquals("Q24", counters.get(21));
        assertTrue(cast.terminals().stream().allMatch(t ->
                t.login().device().equals("counter-" + t.counter().id()) && t.login().password().equals("demo")));
        assertEquals("kiosk-2, counter-Q03 … counter-Q24", cast.devices());
        assertEquals("kiosk-2", cast.kiosk().toString(), "a login prints without its password");
    }

    @Test
    void kiosk1AndCountersQ01AndQ02AreLeftToPeople() {
        DemoCast cast = DemoCast.of(centre, demo.devices());
        assertTrue(cast.terminals().stream().noneMatch(t -> List.of("Q01", "Q02").contains(t.counter().id())));
        assertTrue(cast.terminals().stream().noneMatch(t -> t.login().device().equals("kiosk-1")));
    }

    @Test
    void devicesWithHashedPasswordsCannotBePlayed() {
        List<Device> hashed = demo.devices().stream()
                .map(d -> new Device(d.id(), d.centre(), d.role(), d.counter(),
                        d.role() == DeviceRole.KIOSK ? PasswordHash.parse(
                                "pbkdf2-sha256$10000$c2FsdHNhbHRzYWx0c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g")
                                : d.password()))
                .toList();
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> DemoCast.of(centre, hashed));
        assertTrue(e.getMessage().contains("kiosk-2"), e.getMessage());
    }

    @Test
    void theDayIsTheReferenceScenariosDemandOnTheDemoCentre() throws IOException {
        Scenario scenario = DemoScenario.forCentre(centre);
        assertEquals(centre, scenario.centre());
        assertEquals(650, scenario.demand().visitsPerDay());
        assertEquals(centre.services().size(), scenario.serviceTimes().size());
        // The jar ships a copy of ../shared/scenarios/provincial-centre.json: it must not drift.
        JsonObject shipped;
        try (InputStream in = DemoScenario.class.getResourceAsStream(DemoScenario.RESOURCE)) {
            shipped = new JsonObject(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
        assertEquals(new JsonObject(Files.readString(shared("provincial-centre.json"))), shipped);
    }

    private static Path shared(String name) {
        Path dir = Path.of("").toAbsolutePath();
        for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/scenarios").resolve(name);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new AssertionError("cannot find shared/scenarios/" + name + " beside the repository");
    }
}

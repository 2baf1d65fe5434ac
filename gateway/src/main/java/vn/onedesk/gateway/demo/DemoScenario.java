package vn.onedesk.gateway.demo;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.Session;
import vn.onedesk.engine.simulation.Scenario;
import vn.onedesk.gateway.simulation.ScenarioException;
import vn.onedesk.gateway.simulation.ScenarioReader;

/**
 * The day the demo plays: the demand, service times and counter hours of the reference scenario the
 * demo centre comes from ({@code provincial-centre.json}, shipped in the jar as
 * {@value #RESOURCE}), set on the centre the gateway actually runs, so that the simulation and the
 * gateway agree on every service and counter.
 */
final class DemoScenario {
    static final String RESOURCE = "/scenarios/provincial-centre.json";

    private DemoScenario() {
    }

    /** Reads the shipped scenario: blocking, so callers run it off the event loop. */
    static Scenario forCentre(CentreDefinition centre) {
        Scenario shipped;
        try (InputStream in = DemoScenario.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the jar lacks " + RESOURCE);
            }
            shipped = ScenarioReader.parse(RESOURCE, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        } catch (ScenarioException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
        Map<String, List<Session>> hours = new TreeMap<>(shipped.counterSessions());
        hours.keySet().removeIf(counter -> centre.counter(counter).isEmpty());
        return new Scenario(shipped.name(), shipped.description(), centre, hours, shipped.demand(),
                shipped.serviceTimes());
    }
}

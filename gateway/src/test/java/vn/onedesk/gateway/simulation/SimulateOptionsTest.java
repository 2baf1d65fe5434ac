package vn.onedesk.gateway.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.routing.RoutingPolicies;
import vn.onedesk.gateway.simulation.SimulateOptions.Format;
import vn.onedesk.gateway.simulation.SimulateOptions.UsageException;

class SimulateOptionsTest {

    private static SimulateOptions parse(String... args) throws UsageException {
        return SimulateOptions.parse(List.of(args));
    }

    private static String refused(String... args) {
        return assertThrows(UsageException.class, () -> parse(args)).getMessage();
    }

    @Test
    void withOnlyAScenarioEveryRegisteredPolicyRunsTwentyDaysFromTheScenarioSeedAsATable() throws Exception {
        SimulateOptions o = parse("--scenario", "day.json");
        assertEquals("day.json", o.scenario());
        assertEquals(List.of(), o.policies());
        assertEquals(RoutingPolicies.names(), o.policiesToRun());
        assertEquals(20, o.runs());
        assertEquals(Optional.empty(), o.seed());
        assertEquals(Format.TABLE, o.format());
        assertEquals(Optional.empty(), o.html());
    }

    @Test
    void everyOptionIsReadWithItsValueNextOrAfterAnEqualsSign() throws Exception {
        String policy = RoutingPolicies.defaultName();
        SimulateOptions o = parse("--scenario=day.json", "--policy", policy, "--runs=5", "--seed", "-3",
                "--format", "JSON", "--html=out/report.html");
        assertEquals(List.of(policy), o.policies());
        assertEquals(5, o.runs());
        assertEquals(Optional.of(-3L), o.seed());
        assertEquals(Format.JSON, o.format());
        assertEquals(Optional.of(Path.of("out/report.html")), o.html());
    }

    @Test
    void policiesCanBeRepeatedOrGivenAsACommaListAndEachRunsOnce() throws Exception {
        List<String> all = RoutingPolicies.names();
        SimulateOptions o = parse("--scenario", "d.json", "--policy", String.join(",", all), "--policy",
                all.get(0));
        assertEquals(all, o.policies());
        assertEquals(all, parse("--scenario", "d.json", "--policy", " " + String.join(" , ", all) + " ,").policies());
    }

    @Test
    void anUnknownPolicyIsNamedWithTheRegisteredOnes() {
        String message = refused("--scenario", "d.json", "--policy", "balanced-x," + RoutingPolicies.defaultName()
                + ",nope");
        assertTrue(message.startsWith("--policy: no routing policy is registered as 'balanced-x', 'nope'; registered: "),
                message);
        RoutingPolicies.names().forEach(name -> assertTrue(message.contains(name), message));
    }

    @Test
    void badOptionsAreReportedInWords() {
        assertEquals("--scenario NAME|FILE is required (built-in: provincial-centre, provincial-centre-rush, commune-desk)",
                refused("--runs", "3"));
        assertEquals("--runs: must be a whole number from 1 to 10000, got '0'", refused("--scenario", "d", "--runs", "0"));
        assertEquals("--runs: must be a whole number from 1 to 10000, got 'many'",
                refused("--scenario", "d", "--runs", "many"));
        assertEquals("--seed: must be a whole number, got '1.5'", refused("--scenario", "d", "--seed", "1.5"));
        assertEquals("--format: must be table or json, got 'xml'", refused("--scenario", "d", "--format", "xml"));
        assertEquals("--scenario: needs a value", refused("--scenario"));
        assertEquals("--runs: needs a value", refused("--scenario", "d", "--runs", "--seed", "1"));
        assertEquals("--html: needs a value", refused("--scenario", "d", "--html="));
        assertEquals("unknown option --days", refused("--scenario", "d", "--days", "3"));
        assertEquals("unexpected argument 'extra' (options start with --)", refused("--scenario", "d", "extra"));
    }

    @Test
    void helpNeedsNoScenario() throws Exception {
        assertTrue(parse("--help").help());
        assertTrue(SimulateOptions.USAGE.contains("--scenario FILE"));
    }
}

package vn.onedesk.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.config.ConfigLoader;

/** The server's command-line flags, applied over the environment. */
class MainOptionsTest {

    @Test
    void noDemoTrafficTurnsTheSimulationOffEvenWhenTheEnvironmentTurnsItOn() {
        Map<String, String> env = Main.environment(List.of("--no-demo-traffic"),
                Map.of(ConfigLoader.ENV_DEMO_TRAFFIC, "on", "OTHER", "kept"));
        assertEquals("off", env.get(ConfigLoader.ENV_DEMO_TRAFFIC));
        assertEquals("kept", env.get("OTHER"));
        assertFalse(ConfigLoader.load(env).demoTraffic().enabled());
    }

    @Test
    void withoutFlagsTheEnvironmentIsReadAsItIs() {
        assertTrue(ConfigLoader.load(Main.environment(List.of(), Map.of())).demoTraffic().enabled());
    }

    @Test
    void resetDemoIsAcceptedBesideNoDemoTrafficAndChangesNothingInTheEnvironment() {
        assertEquals(Map.of("OTHER", "kept"), Main.environment(List.of("--reset-demo"), Map.of("OTHER", "kept")));
        assertEquals(Map.of(ConfigLoader.ENV_DEMO_TRAFFIC, "off"),
                Main.environment(List.of("--reset-demo", "--no-demo-traffic"), Map.of()));
    }

    @Test
    void anUnknownOptionIsAUsageError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Main.environment(List.of("--no-demo"), Map.of()));
        assertTrue(e.getMessage().contains("unknown option '--no-demo'"), e.getMessage());
        assertTrue(e.getMessage().contains("--no-demo-traffic"), e.getMessage());
        assertTrue(e.getMessage().contains("--reset-demo"), e.getMessage());
    }
}

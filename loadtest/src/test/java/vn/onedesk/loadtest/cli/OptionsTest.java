package vn.onedesk.loadtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class OptionsTest {
    @Test
    void durationsReadMillisecondsSecondsMinutesAndBareSeconds() {
        Options o = Options.parse(List.of("--a", "500ms", "--b", "30s", "--c", "10m", "--d", "1.5"));
        assertEquals(Duration.ofMillis(500), o.duration("a", null));
        assertEquals(Duration.ofSeconds(30), o.duration("b", null));
        assertEquals(Duration.ofMinutes(10), o.duration("c", null));
        assertEquals(Duration.ofMillis(1500), o.duration("d", null));
    }

    @Test
    void aMisspeltOptionIsRefusedRatherThanIgnored() {
        Options o = Options.parse(List.of("--rate", "100", "--kioks", "5"));
        o.number("rate", 1);
        o.integer("kiosks", 200);
        Options.UsageException e = assertThrows(Options.UsageException.class, o::rejectUnused);
        assertTrue(e.getMessage().contains("--kioks"), e.getMessage());
    }

    @Test
    void aFlagWithoutValueIsTrueAndEqualsFormWorks() {
        Options o = Options.parse(List.of("--heap", "--rate=250"));
        assertTrue(o.flag("heap", false));
        assertEquals(250, o.integer("rate", 0));
    }
}

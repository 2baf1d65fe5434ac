package vn.onedesk.loadtest.idle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.loadtest.cli.Options;

/** The attack's source addresses: one, or a range of the last number, as {@code --from} says. */
class IdleAttackCommandTest {
    @Test
    void oneAddressIsItselfAndARangeListsEveryAddressInIt() {
        assertEquals(List.of("127.0.0.2"), IdleAttackCommand.sources("127.0.0.2"));
        List<String> range = IdleAttackCommand.sources("127.0.0.2-127.0.0.41");
        assertEquals(40, range.size());
        assertEquals("127.0.0.2", range.get(0));
        assertEquals("127.0.0.41", range.get(39));
    }

    @Test
    void aRangeThatDiffersBeforeItsLastNumberIsAUsageError() {
        assertThrows(Options.UsageException.class, () -> IdleAttackCommand.sources("127.0.0.2-127.0.1.9"));
    }
}

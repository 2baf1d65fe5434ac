package vn.onedesk.gateway.net;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.support.LogCapture;

/** A line any client can cause is written once per interval and kind; the next one says how many were left out. */
class QuietLogTest {
    private static final class Quiet {
    }

    @Test
    void aThousandLinesOfOneKindWithinTheIntervalAreOneLineAndTheNextSaysHowManyWereLeftOut() {
        AtomicLong now = new AtomicLong(42);
        try (LogCapture log = LogCapture.of(Quiet.class)) {
            QuietLog quiet = new QuietLog(Logger.getLogger(Quiet.class.getName()), now::get);
            for (int i = 0; i < 1000; i++) {
                quiet.log(Level.INFO, "before-connect", () -> "closed");
            }
            quiet.log(Level.INFO, "malformed", () -> "malformed"); // another kind has its own interval
            now.addAndGet(QuietLog.INTERVAL_NANOS + TimeUnit.MILLISECONDS.toNanos(1));
            quiet.log(Level.INFO, "before-connect", () -> "closed");

            List<String> lines = log.records().stream().map(LogRecord::getMessage).toList();
            assertEquals(List.of("closed", "malformed", "closed (and 999 more like it left out)"), lines);
        }
    }
}

package vn.onedesk.loadtest.report;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The page checks issue 15's targets with the formulas the issue gives, so a miss is never reported as met. */
class ReportVerdictsTest {

    private static JsonObject tickets(String target, double rate, double p99) {
        return new JsonObject().put("scenario", "tickets").put("target", target).put("options", new JsonObject())
                .put("results", new JsonObject()
                .put("rate", rate).put("throughputPerSecond", rate).put("errors", new JsonObject())
                .put("latency", new JsonObject().put("p50", 1.0).put("p99", p99)));
    }

    private static JsonObject pgbench(int clients, double tps, double latencyMs) {
        return new JsonObject().put("scenario", "pgbench").put("target", "postgresql").put("options", new JsonObject())
                .put("results",
                new JsonObject().put("clients", clients).put("tps", tps).put("latencyMs", latencyMs));
    }

    private static JsonObject day(double worstHourP99, double commandP99, double settledMb, double endMb) {
        return new JsonObject().put("scenario", "day").put("target", "onedesk").put("options", new JsonObject())
                .put("results", new JsonObject()
                .put("centres", 100).put("speed", 60.0).put("durationSeconds", 1800L).put("arrivals", 1000)
                .put("liveHeapStartMb", 60.0).put("liveHeapSettledMb", settledMb).put("liveHeapEndMb", endMb)
                .put("ticket", new JsonObject().put("p50", 2.0).put("p99", 20.0).put("max", 90.0))
                .put("counterCommand", new JsonObject().put("p99", commandP99))
                .put("intervals", new JsonArray()
                        .add(new JsonObject().put("simulatedTime", "08:00:00").put("p99", 12.0))
                        .add(new JsonObject().put("simulatedTime", "09:00:00").put("p99", worstHourP99))));
    }

    @Test
    void theTicketLimitAtAThousandPerSecondIsThreeTimesTheEchoP99PlusOneCommit() {
        // limit = 3 × (3.0 + 0.5) = 10.5 ms: 10.0 is within it, though it exceeds 3 × 3.0 + 0.5 = 9.5
        String md = ReportCommand.markdown(List.of(tickets("onedesk", 1000, 10.0), tickets("echo", 1000, 3.0),
                pgbench(1, 2000, 0.5)), "", "", "");
        assertTrue(md.contains("**met**: ticket p99 at 1,000/s: OneDesk 10.0 ms against a limit of 3 × (Mosquitto's"
                + " echo p99 + one PostgreSQL commit) = 10.5 ms"), md);
        String missed = ReportCommand.markdown(List.of(tickets("onedesk", 1000, 11.0), tickets("echo", 1000, 3.0),
                pgbench(1, 2000, 0.5)), "", "", "");
        assertTrue(missed.contains("**not met**: ticket p99 at 1,000/s: OneDesk 11.0 ms"), missed);
    }

    @Test
    void theSustainedRateIsGivenAsARatioOfPgbenchsOneRowPerCommitRate() {
        String md = ReportCommand.markdown(List.of(tickets("onedesk", 1000, 10.0), tickets("echo", 1000, 3.0),
                sustainRun(3000, 20.0), sustainRun(4000, 80.0), pgbench(1, 2000, 0.5)), "", "", "");
        assertTrue(md.contains("**met**: sustained durable tickets/s: OneDesk 3000/s against pgbench's"
                + " one-row-per-commit 2000/s: 1.50× (target 1.0×, stretch 1.5×)"), md);
    }

    private static JsonObject sustainRun(double rate, double p99) {
        return tickets("onedesk", rate, p99).put("options", new JsonObject().put("sustain", true));
    }

    @Test
    void aRushDayMeetsItsTargetsOnlyIfEveryHourAndTheCounterCommandsStayUnderAHundredMillisecondsAndTheHeapIsFlat() {
        String good = ReportCommand.markdown(List.of(day(80.0, 40.0, 200.0, 230.0)), "", "", "");
        assertTrue(good.contains("**met**: ticket p99 in every simulated hour ≤ 100 ms: the worst interval's is"
                + " 80 ms"), good);
        assertTrue(good.contains("**met**: counter command p99 ≤ 100 ms: 40 ms"), good);
        assertTrue(good.contains("**met**: live heap flat after the first minutes"), good);
        String bad = ReportCommand.markdown(List.of(day(140.0, 120.0, 100.0, 375.0)), "", "", "");
        assertTrue(bad.contains("**not met**: ticket p99 in every simulated hour ≤ 100 ms: the worst interval's is"
                + " 140 ms"), bad);
        assertTrue(bad.contains("**not met**: counter command p99 ≤ 100 ms: 120 ms"), bad);
        assertTrue(bad.contains("**not met**: live heap flat after the first minutes"), bad);
    }
}

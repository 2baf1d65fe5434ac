package vn.onedesk.gateway.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.rating.RatingPadTest.pad;
import static vn.onedesk.gateway.rating.RatingPadTest.rate;
import static vn.onedesk.gateway.rating.RatingPadTest.serve;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.engine.centre.CounterRules;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The rating window and the memory of ratings across a restart, at a demo centre whose pads take a rating for 30 s
 * after COMPLETE ({@code counterRules.ratingWindowSeconds} 30), on a clock the test moves, and which hides officers'
 * names from public screens ({@code showOfficerName} false).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RatingWindowAndRestartTest {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final TestClock clock = new TestClock(Instant.parse("2025-03-03T02:00:00Z"));
    private GatewayHarness gateway;

    @BeforeAll
    void start() {
        gateway = GatewayHarness.startDemo(clock, c -> new CentreDefinition(c.id(), c.name(), c.timezone(),
                c.sessions(), c.services(), c.counters(), c.ticketsOnlyInSessions(), false,
                new CounterRules(3, Duration.ofMinutes(15), Duration.ofMinutes(30), 3, Duration.ofSeconds(30))));
    }

    @AfterAll
    void stop() {
        gateway.close();
    }

    @Test
    void aRatingAfterTheCentresWindowIsRefusedAsClosed() throws Exception {
        String number = serve(gateway, "Q01", "TP", true);
        try (TestDevice pad = pad(gateway, "Q01")) {
            TestDevice.Received prompt = pad.await(r -> r.topic().endsWith("Q01/rating/prompt")
                    && r.payload().length > 0, WAIT);
            assertEquals(clock.instant().plusSeconds(30).toString(), prompt.json().path("expiresAt").asText(),
                    prompt.text());
            clock.advance(Duration.ofSeconds(31));

            TestDevice.Received late = rate(pad, "Q01", "late-1", "\"ticket\":\"" + number + "\",\"score\":3");

            assertEquals("RATING_CLOSED", late.json().path("error").path("code").asText(), late.text());
            assertEquals(0, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated'"
                    + " AND counter_id = 'Q01'"));
        }
    }

    @Test
    void aCentreThatHidesOfficersNamesPromptsWithoutTheOfficer() throws Exception {
        try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice q17 = gateway.device("counter-Q17")) {
            kiosk.subscribe(GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/response");
            q17.subscribe(GatewayHarness.PREFIX + "counters/Q17/replies");
            kiosk.request(GatewayHarness.PREFIX + "kiosks/kiosk-1/tickets/request", GatewayHarness.PREFIX
                    + "kiosks/kiosk-1/tickets/response", "q17-take", "{\"requestId\":\"q17-take\",\"service\":\"BHXH\"}");
            for (String command : new String[] {"\"command\":\"OPEN\",\"officer\":\"officer-Q17\",\"pin\":\"1234\"",
                    "\"command\":\"CALL_NEXT\"", "\"command\":\"COMPLETE\""}) {
                String id = "q17-" + System.nanoTime();
                assertTrue(!q17.request(GatewayHarness.PREFIX + "counters/Q17/commands", GatewayHarness.PREFIX
                        + "counters/Q17/replies", id, "{\"requestId\":\"" + id + "\"," + command + "}").has("error"));
            }
        }
        try (TestDevice pad = pad(gateway, "Q17")) {
            TestDevice.Received prompt = pad.await(r -> r.topic().endsWith("Q17/rating/prompt")
                    && r.payload().length > 0, WAIT);
            assertTrue(prompt.json().path("officer").isMissingNode(), "no name on a public pad: " + prompt.text());
            assertTrue(!prompt.text().contains("officer-Q17"), prompt.text());
        }
    }

    @Test
    void whatWasRatedStaysRatedAfterARestartAndAnUnratedCompletionIsPromptedAgain() throws Exception {
        String rated = serve(gateway, "Q10", "LD", true);
        TestDevice.Received first;
        try (TestDevice pad = pad(gateway, "Q10")) {
            first = rate(pad, "Q10", "before-restart", "\"ticket\":\"" + rated + "\",\"score\":5");
            assertTrue(first.json().path("accepted").asBoolean(), first.text());
        }
        String unrated = serve(gateway, "Q12", "GT", true);

        gateway.restart();

        try (TestDevice pad = pad(gateway, "Q10")) {
            TestDevice.Received retry = rate(pad, "Q10", "before-restart", "\"ticket\":\"" + rated
                    + "\",\"score\":5");
            assertEquals(first.text(), retry.text(), "the stored reply survives the restart");
            TestDevice.Received second = rate(pad, "Q10", "after-restart", "\"ticket\":\"" + rated
                    + "\",\"score\":1");
            assertEquals("ALREADY_RATED", second.json().path("error").path("code").asText(), second.text());
        }
        try (TestDevice pad = pad(gateway, "Q12")) {
            TestDevice.Received prompt = pad.await(r -> r.topic().endsWith("Q12/rating/prompt")
                    && r.payload().length > 0, WAIT);
            assertEquals(unrated, prompt.json().path("ticket").asText(), prompt.text());
            TestDevice.Received reply = rate(pad, "Q12", "q12-after", "\"ticket\":\"" + unrated + "\",\"score\":4");
            assertTrue(reply.json().path("accepted").asBoolean(), reply.text());
        }
        assertEquals(2, gateway.count("SELECT count(*) FROM events WHERE type = 'ServiceRated'"
                + " AND counter_id IN ('Q10', 'Q12')"));
    }
}

package vn.onedesk.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * What the estimates learnt during the day survives a restart: a gateway started again on the same database estimates
 * a service that took long as taking long, not from its configured expectation.
 */
class LearntEstimatesRestartTest {
    private static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    private static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";
    private static final String REPLIES = PREFIX + "counters/Q01/replies";

    private record Learnt(Duration mean, double cv, Optional<Duration> lastDelay, double arrivalsPerHour,
                          double priorityShare) {
    }

    @Test
    void aRestartKeepsTheServiceTimesArrivalsAndDelaysTheEstimatesLearnt() throws Exception {
        TestClock clock = new TestClock(Instant.parse("2025-03-04T02:00:00Z")); // a Tuesday, 09:00 in Hà Nội
        try (GatewayHarness gateway = GatewayHarness.startDemo(clock)) {
            Learnt prior = learnt(gateway);
            try (TestDevice kiosk = gateway.device("kiosk-1"); TestDevice q01 = gateway.device("counter-Q01")) {
                kiosk.subscribe(RESPONSE);
                q01.subscribe(REPLIES);
                for (int i = 1; i <= 4; i++) {
                    JsonNode ticket = kiosk.request(REQUEST, RESPONSE, "r" + i,
                            "{\"requestId\":\"r" + i + "\",\"service\":\"TP\"}");
                    assertFalse(ticket.has("error"), ticket.toString());
                    clock.advance(Duration.ofMinutes(2));
                }
                command(q01, "open", "OPEN");
                for (int i = 1; i <= 3; i++) {
                    command(q01, "call-" + i, "CALL_NEXT");
                    command(q01, "start-" + i, "START");
                    clock.advance(Duration.ofMinutes(45));
                    command(q01, "done-" + i, "COMPLETE");
                }
            }
            Learnt before = learnt(gateway);
            assertTrue(before.mean().compareTo(prior.mean().plusMinutes(10)) > 0,
                    "three services of 45 min move the mean: " + prior.mean() + " -> " + before.mean());
            assertTrue(before.lastDelay().isPresent());

            gateway.restart();

            assertEquals(before, learnt(gateway), "after the restart");
        }
    }

    private static Learnt learnt(GatewayHarness gateway) {
        CentreRuntime centre = gateway.gateway().centres().find(GatewayHarness.CENTRE).orElseThrow();
        return GatewayHarness.await(centre.read(queue -> {
            Instant at = Instant.parse("2025-03-04T05:00:00Z");
            return new Learnt(queue.meanServiceTime("TP"), queue.serviceTimeCv("TP"), queue.lastDelay("TP"),
                    queue.arrivalsPerHour("TP", at), queue.priorityShare());
        }));
    }

    private static void command(TestDevice q01, String requestId, String command) throws Exception {
        JsonNode reply = q01.request(PREFIX + "counters/Q01/commands", REPLIES, requestId,
                "{\"requestId\":\"" + requestId + "\",\"command\":\"" + command + "\"}");
        assertFalse(reply.has("error"), reply.toString());
    }
}

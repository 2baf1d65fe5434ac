package vn.onedesk.gateway.monitoring;

import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.paho.client.mqttv3.MqttClient;
import org.eclipse.paho.client.mqttv3.MqttConnectOptions;
import org.eclipse.paho.client.mqttv3.MqttException;
import org.eclipse.paho.client.mqttv3.persist.MemoryPersistence;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestDevice;

/**
 * A short morning at the demo centre over real MQTT (Paho), on a clock the flow moves itself, so
 * every wait and service time is known to the second. Starting Monday 09:00 in Hà Nội time:
 *
 * <pre>
 * 09:00  kiosk-1 (paper LOW) and kiosk-2 (paper OUT, jammed) send heartbeats; hall-1 connects with a last will
 *        kiosk-1 takes A001 (TP), G001 (BHXH, ELDERLY), A002 (TP)
 * 09:07  Q01 (POSTAL) opens and calls A001                    wait 7 min
 * 09:10  Q01 starts; 09:15 completes                          service 5 min
 * 09:15  rating-Q01, Q01's rating pad, is prompted for A001 and rates it 4 (Hài lòng)
 * 09:15  Q17 (BHXH) opens, calls G001 (wait 15 min), recalls it, marks it no-show
 * 09:15  kiosk-1 takes H001 (BHTN); 09:16 Q17 calls it (wait 1 min); 09:17 transfers it to BHXH
 * 09:45  Q01 calls A002                                       wait 45 min, over TP's 20 min target
 *        a malformed ticket request, a message on an unknown topic, a CONNECT with a wrong password;
 *        hall-1 drops without DISCONNECT; kiosk-1, counter-Q01 and counter-Q17 disconnect; kiosk-2 stays
 * </pre>
 */
final class ShortFlow {
    /** Monday 3 March 2025, 09:00 in Asia/Ho_Chi_Minh: within the demo centre's morning session. */
    static final Instant START = Instant.parse("2025-03-03T02:00:00Z");
    static final String REQUEST = PREFIX + "kiosks/kiosk-1/tickets/request";
    static final String RESPONSE = PREFIX + "kiosks/kiosk-1/tickets/response";

    /** The wait each ticket was shown at issue (its kiosk reply), by number. */
    final Map<String, Long> shownSeconds = new LinkedHashMap<>();
    /** When the flow ended: the gateway's clock when its last step ran. */
    Instant end;
    /** kiosk-2, left connected after the flow (its printer is out of paper and jammed); close it after. */
    TestDevice kiosk2;

    private final GatewayHarness gateway;
    private final TestClock clock;

    ShortFlow(GatewayHarness gateway, TestClock clock) {
        this.gateway = gateway;
        this.clock = clock;
    }

    void run() throws Exception {
        kiosk2 = gateway.device("kiosk-2");
        try (TestDevice kiosk = gateway.device("kiosk-1");
             TestDevice q01 = gateway.device("counter-Q01");
             TestDevice q17 = gateway.device("counter-Q17")) {
            MqttClient hall = connectWithLastWill("hall-1");
            kiosk.subscribe(RESPONSE);
            q01.subscribe(PREFIX + "counters/Q01/replies");
            q17.subscribe(PREFIX + "counters/Q17/replies");

            // Publishing at QoS 1 returns after the PUBACK, which the gateway sends once it handled the message.
            kiosk.publish(PREFIX + "devices/kiosk-1/status",
                    "{\"status\":\"ONLINE\",\"printer\":{\"paper\":\"LOW\",\"jammed\":false}}");
            kiosk2.publish(PREFIX + "devices/kiosk-2/status",
                    "{\"status\":\"ONLINE\",\"printer\":{\"paper\":\"OUT\",\"jammed\":true}}");

            // The counters open first, so that every kiosk reply shows an estimate: with no counter open for its
            // service a ticket is shown none (the service has no counter), and what was not shown is not judged.
            command(q01, "Q01", "q01-open", "OPEN");
            command(q17, "Q17", "q17-open", "OPEN");
            take(kiosk, "t1", "TP", "NONE");
            take(kiosk, "t2", "BHXH", "ELDERLY");
            take(kiosk, "t3", "TP", "NONE");

            clock.advance(Duration.ofMinutes(7));
            command(q01, "Q01", "q01-call-1", "CALL_NEXT");
            clock.advance(Duration.ofMinutes(3));
            command(q01, "Q01", "q01-start", "START");
            clock.advance(Duration.ofMinutes(5));
            command(q01, "Q01", "q01-done", "COMPLETE");
            rate("Q01", "A001", 4);

            command(q17, "Q17", "q17-call-1", "CALL_NEXT");
            command(q17, "Q17", "q17-recall", "RECALL");
            command(q17, "Q17", "q17-noshow", "NO_SHOW");
            take(kiosk, "t4", "BHTN", "NONE");
            clock.advance(Duration.ofMinutes(1));
            command(q17, "Q17", "q17-call-2", "CALL_NEXT");
            clock.advance(Duration.ofMinutes(1));
            JsonNode transfer = q17.request(PREFIX + "counters/Q17/commands", PREFIX + "counters/Q17/replies",
                    "q17-transfer", "{\"requestId\":\"q17-transfer\",\"command\":\"TRANSFER\",\"service\":\"BHXH\"}");
            expectNoError(transfer);

            clock.advance(Duration.ofMinutes(28));
            command(q01, "Q01", "q01-call-2", "CALL_NEXT");

            kiosk.publish(REQUEST, "{not json");
            kiosk.await(r -> r.topic().equals(RESPONSE) && r.json().has("error"), Duration.ofSeconds(10));
            kiosk.publish(PREFIX + "no/such/topic", "{}");
            refusedConnect();
            hall.disconnectForcibly(0, 1000, false);
            hall.close(true);
            end = clock.instant();
        }
    }

    /** The counter's rating pad sees the prompt for the ticket and rates it; the reply comes after the commit. */
    private void rate(String counter, String number, int score) throws Exception {
        try (TestDevice pad = gateway.device("rating-" + counter)) {
            pad.subscribe(PREFIX + "counters/" + counter + "/rating/prompt", PREFIX + "counters/" + counter
                    + "/rating/replies");
            TestDevice.Received prompt = pad.await(PREFIX + "counters/" + counter + "/rating/prompt");
            if (!prompt.json().path("ticket").asText().equals(number)) {
                throw new AssertionError("the pad was prompted for another ticket: " + prompt.text());
            }
            String requestId = "rate-" + number;
            expectNoError(pad.request(PREFIX + "counters/" + counter + "/rating/submit", PREFIX + "counters/" + counter
                    + "/rating/replies", requestId, "{\"requestId\":\"" + requestId + "\",\"ticket\":\"" + number
                    + "\",\"score\":" + score + "}"));
        }
    }

    private void take(TestDevice kiosk, String requestId, String service, String priority) throws Exception {
        JsonNode reply = kiosk.request(REQUEST, RESPONSE, requestId, "{\"requestId\":\"" + requestId
                + "\",\"service\":\"" + service + "\",\"priority\":\"" + priority + "\"}");
        expectNoError(reply);
        JsonNode ticket = reply.path("ticket");
        if (!ticket.has("estimatedWait")) {
            throw new AssertionError("the flow expects every ticket to be shown an estimate: " + reply);
        }
        shownSeconds.put(ticket.path("number").asText(), ticket.path("estimatedWait").path("seconds").asLong());
    }

    private static void command(TestDevice terminal, String counter, String requestId, String command) throws Exception {
        expectNoError(terminal.request(PREFIX + "counters/" + counter + "/commands",
                PREFIX + "counters/" + counter + "/replies", requestId,
                "{\"requestId\":\"" + requestId + "\",\"command\":\"" + command + "\"}"));
    }

    private static void expectNoError(JsonNode reply) {
        if (reply.has("error")) {
            throw new AssertionError("the gateway refused a step of the flow: " + reply);
        }
    }

    private MqttClient connectWithLastWill(String deviceId) throws MqttException {
        MqttClient client = new MqttClient(gateway.mqttUri(), deviceId + "-will", new MemoryPersistence());
        MqttConnectOptions options = new MqttConnectOptions();
        options.setMqttVersion(MqttConnectOptions.MQTT_VERSION_3_1_1);
        options.setUserName(deviceId);
        options.setPassword("demo".toCharArray());
        options.setWill(PREFIX + "devices/" + deviceId + "/status",
                "{\"status\":\"OFFLINE\"}".getBytes(StandardCharsets.UTF_8), 1, false);
        client.connect(options);
        return client;
    }

    private void refusedConnect() {
        try {
            TestDevice.connect(gateway.mqttUri(), "kiosk-1", "not-the-password").close();
            throw new AssertionError("a wrong password was accepted");
        } catch (MqttException expected) {
            // refused, as it should be: the gateway counts it
        }
    }
}

package vn.onedesk.gateway.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import vn.onedesk.gateway.support.GatewayHarness;
import vn.onedesk.gateway.support.TestClock;
import vn.onedesk.gateway.support.TestDevice;

/**
 * The vocabulary of the report tests' scripts: a centre's kiosk and counter terminals, played through the real
 * gateway over MQTT at the minutes the script says, on the test's clock. Every step checks its reply, so a script
 * that does not go as written fails where it goes wrong, not in the report's figures.
 */
final class HallScript implements AutoCloseable {
    static final ZoneId ZONE = ZoneId.of("Asia/Ho_Chi_Minh");

    private final GatewayHarness gateway;
    private final TestClock clock;
    private final String prefix;
    private final String kiosk;
    private final String counterPrefix;
    private final Map<String, TestDevice> devices = new HashMap<>();
    private LocalDate day;
    private int requests;

    /**
     * @param kiosk         the id of a kiosk device of the centre
     * @param counterPrefix what a counter's id follows in its terminal's device id ("counter-" for counter-Q01)
     */
    HallScript(GatewayHarness gateway, TestClock clock, String centre, String kiosk, String counterPrefix) {
        this.gateway = gateway;
        this.clock = clock;
        this.prefix = "onedesk/v1/" + centre + "/";
        this.kiosk = kiosk;
        this.counterPrefix = counterPrefix;
    }

    static Instant at(LocalDate day, String localTime) {
        return day.atTime(LocalTime.parse(localTime)).atZone(ZONE).toInstant();
    }

    /** The local day the following times are of. */
    HallScript on(LocalDate day) {
        this.day = day;
        return this;
    }

    void issueAt(String time, String service, String expectedNumber) throws Exception {
        issueAt(time, service, "NONE", expectedNumber);
    }

    /** A ticket for a citizen of a priority group (NONE, ELDERLY, DISABLED, PREGNANT, CHILD_UNDER_6, MERIT). */
    void issueAt(String time, String service, String priority, String expectedNumber) throws Exception {
        clock.set(at(day, time));
        String id = kiosk + "-r" + (++requests);
        String replies = prefix + "kiosks/" + kiosk + "/tickets/response";
        JsonNode reply = device(kiosk, replies).request(prefix + "kiosks/" + kiosk + "/tickets/request", replies, id,
                "{\"requestId\":\"" + id + "\",\"service\":\"" + service + "\",\"priority\":\"" + priority
                        + "\"}");
        assertFalse(reply.has("error"), reply.toString());
        assertEquals(expectedNumber, reply.path("ticket").path("number").asText(), service + " at " + time);
    }

    void callAt(String time, String counter, String expectedNumber) throws Exception {
        JsonNode reply = at(time, counter, "\"command\":\"CALL_NEXT\"");
        assertEquals(expectedNumber, reply.path("ticket").path("number").asText(), counter + " at " + time + ": "
                + reply);
    }

    /** A command without fields of its own: START, COMPLETE, RECALL, NO_SHOW, OPEN (nobody bound), CLOSE. */
    void commandAt(String time, String counter, String command) throws Exception {
        at(time, counter, "\"command\":\"" + command + "\"");
    }

    void openAt(String time, String counter, String officer, String pin) throws Exception {
        JsonNode reply = at(time, counter, "\"command\":\"OPEN\",\"officer\":\"" + officer + "\",\"pin\":\"" + pin
                + "\"");
        assertEquals(officer, reply.path("counter").path("officer").path("id").asText(), reply.toString());
    }

    void transferAt(String time, String counter, String service) throws Exception {
        at(time, counter, "\"command\":\"TRANSFER\",\"service\":\"" + service + "\"");
    }

    private JsonNode at(String time, String counter, String fields) throws Exception {
        clock.set(at(day, time));
        String id = counter + "-c" + (++requests);
        String replies = prefix + "counters/" + counter + "/replies";
        JsonNode reply = device(counterPrefix + counter, replies).request(prefix + "counters/" + counter + "/commands",
                replies, id, "{\"requestId\":\"" + id + "\"," + fields + "}");
        assertFalse(reply.has("error"), counter + " " + fields + " at " + time + ": " + reply);
        return reply;
    }

    private TestDevice device(String id, String replies) throws Exception {
        TestDevice device = devices.get(id);
        if (device == null) {
            device = gateway.device(id);
            device.subscribe(replies);
            devices.put(id, device);
        }
        return device;
    }

    @Override
    public void close() {
        devices.values().forEach(TestDevice::close);
        devices.clear();
    }
}

package vn.onedesk.gateway.displays;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static vn.onedesk.gateway.support.GatewayHarness.PREFIX;

import com.fasterxml.jackson.databind.JsonNode;
import vn.onedesk.gateway.support.TestDevice;
import vn.onedesk.protocol.JsonCodec;

/** What the live-feed tests share: a counter command that must be accepted, and reading waits as devices do. */
final class Feeds {
    private Feeds() {
    }

    /** Sends a counter command from its terminal and returns the reply, which must not be an error. */
    static JsonNode command(TestDevice terminal, String counter, String requestId, String command) throws Exception {
        JsonNode reply = terminal.request(PREFIX + "counters/" + counter + "/commands",
                PREFIX + "counters/" + counter + "/replies", requestId,
                "{\"requestId\":\"" + requestId + "\",\"command\":\"" + command + "\"}");
        assertFalse(reply.has("error"), reply.toString());
        return reply;
    }

    /** A value as it reads on the wire, comparable with what devices received. */
    static JsonNode wire(Object value) {
        return JsonCodec.tree(JsonCodec.encode(value));
    }

    /** The board's wait of one service. */
    static JsonNode service(JsonNode board, String code) {
        for (JsonNode wait : board.path("services")) {
            if (wait.path("service").asText().equals(code)) {
                return wait;
            }
        }
        throw new AssertionError("no " + code + " on the board " + board);
    }
}

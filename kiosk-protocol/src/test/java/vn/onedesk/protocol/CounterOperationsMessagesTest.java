package vn.onedesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.ticketing.TicketRequest;

/** The wire form of REQUEUE and of TRANSFER to a counter or an officer, from terminals and kiosks. */
class CounterOperationsMessagesTest {

    private static <T> T ok(String json, Class<T> type) {
        Decoded<T> decoded = JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), type);
        return ((Decoded.Ok<T>) assertInstanceOf(Decoded.Ok.class, decoded, () -> json + " → " + decoded)).message();
    }

    private static ProtocolError failed(String json, Class<?> type) {
        Decoded<?> decoded = JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), type);
        return assertInstanceOf(Decoded.Failed.class, decoded, () -> json + " → " + decoded).error();
    }

    @Test
    void aTransferToACounterNeedsNoServiceAndCarriesItsNote() {
        CounterCommand c = ok("{\"requestId\":\"r1\",\"command\":\"TRANSFER\",\"toCounter\":\"Q03\","
                + "\"note\":\"Thiếu bản sao CCCD\"}", CounterCommand.class);
        assertEquals("Q03", c.toCounter());
        assertNull(c.service());
        assertEquals("Thiếu bản sao CCCD", c.note());
    }

    @Test
    void aTransferNamesOneTargetAtLeastAndNotBothACounterAndAnOfficer() {
        assertEquals("'service' is required",
                failed("{\"requestId\":\"r1\",\"command\":\"TRANSFER\",\"note\":\"x\"}", CounterCommand.class)
                        .detail());
        ProtocolError both = failed("{\"requestId\":\"r1\",\"command\":\"TRANSFER\",\"toCounter\":\"Q03\","
                + "\"toOfficer\":\"lan\"}", CounterCommand.class);
        assertEquals(ErrorCode.MALFORMED, both.code());
        assertEquals("'toCounter' and 'toOfficer' exclude each other: name one target", both.detail());
    }

    @Test
    void aNoteIsOneToTwoHundredCharactersWithoutControlCharacters() {
        String base = "{\"requestId\":\"r1\",\"command\":\"TRANSFER\",\"toOfficer\":\"lan\",\"note\":";
        assertEquals(ErrorCode.MALFORMED, failed(base + "\"" + "a".repeat(201) + "\"}", CounterCommand.class).code());
        assertEquals(ErrorCode.MALFORMED, failed(base + "\"\"}", CounterCommand.class).code());
        assertEquals("'note' must not contain control characters",
                failed(base + "\"a\\u0007b\"}", CounterCommand.class).detail());
        assertEquals(200, ok(base + "\"" + "ô".repeat(200) + "\"}", CounterCommand.class).note().length());
    }

    @Test
    void theTransferFieldsAreIgnoredOnOtherCommands() {
        CounterCommand c = ok("{\"requestId\":\"r1\",\"command\":\"COMPLETE\",\"toCounter\":\"Q03\",\"note\":\"x\","
                + "\"ticket\":\"A001\"}", CounterCommand.class);
        assertNull(c.toCounter());
        assertNull(c.note());
        assertNull(c.ticket());
    }

    @Test
    void aRequeueNamesTheTicketNumberAsPrinted() {
        CounterCommand c = ok("{\"requestId\":\"r1\",\"command\":\"REQUEUE\",\"ticket\":\"A023\"}",
                CounterCommand.class);
        assertEquals(CommandName.REQUEUE, c.command());
        assertEquals("A023", c.ticket());
        assertEquals("'ticket' is required",
                failed("{\"requestId\":\"r1\",\"command\":\"REQUEUE\"}", CounterCommand.class).detail());
        assertEquals(ErrorCode.MALFORMED,
                failed("{\"requestId\":\"r1\",\"command\":\"REQUEUE\",\"ticket\":\"a-23\"}", CounterCommand.class)
                        .code());
    }

    @Test
    void aKioskAsksToRequeueAMissedNumberInsteadOfAService() {
        TicketRequest r = ok("{\"requestId\":\"k1\",\"requeue\":\"G007\"}", TicketRequest.class);
        assertEquals("G007", r.requeue());
        assertNull(r.service());
        assertEquals("'requeue' must be a ticket number as printed: one or two capital letters, then digits (A023)",
                failed("{\"requestId\":\"k1\",\"requeue\":\"7\"}", TicketRequest.class).detail());
        assertEquals("'service' is required", failed("{\"requestId\":\"k1\"}", TicketRequest.class).detail());
    }
}

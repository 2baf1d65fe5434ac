package vn.onedesk.protocol;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.List;
import java.util.Set;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.devices.DeviceStatus;
import vn.onedesk.protocol.ticketing.TicketRequest;

/**
 * Coverage-guided fuzz targets (Jazzer) for what a device can send: the bytes of a message and the name of a topic.
 * In every build they run their saved inputs (src/test/resources/.../ProtocolJazzerFuzzTestInputs) as regression
 * tests; with {@code JAZZER_FUZZ=1} (scripts/fuzz.sh, and a short run in scripts/test.sh) Jazzer fuzzes them. A
 * crash it finds is saved beside them and so becomes a regression test.
 */
class ProtocolJazzerFuzzTest {
    private static final List<Class<?>> INBOUND = List.of(TicketRequest.class, CounterCommand.class, DeviceStatus.class);
    // INVALID_FIELD: a well-formed field whose value the record refuses, naming it (a dossier code of the wrong shape).
    private static final Set<ErrorCode> DECODE_ERRORS = Set.of(ErrorCode.MALFORMED, ErrorCode.PAYLOAD_TOO_LARGE,
            ErrorCode.UNKNOWN_COMMAND, ErrorCode.INVALID_FIELD);

    @FuzzTest(maxDuration = "20s")
    void anyBytesDecodeToTheMessageOrToAStableDecodeErrorAndNeverThrow(FuzzedDataProvider data) {
        Class<?> type = INBOUND.get(data.consumeInt(0, INBOUND.size() - 1));
        byte[] payload = data.consumeRemainingAsBytes();
        Decoded<?> decoded = JsonCodec.decode(payload, type);
        assertNotNull(decoded);
        if (decoded instanceof Decoded.Failed<?> failed) {
            assertTrue(DECODE_ERRORS.contains(failed.error().code()), failed.error().toString());
            assertTrue(failed.error().detail().length() < 4_096, "a bounded detail, whatever the input");
            failed.requestId().ifPresent(id -> assertTrue(id.length() <= 64, "a bounded requestId echo"));
        } else {
            // what decoded once encodes and decodes to the same message
            Object message = ((Decoded.Ok<?>) decoded).message();
            Decoded<?> again = JsonCodec.decode(JsonCodec.encode(message), type);
            assertTrue(again instanceof Decoded.Ok<?> ok && ok.message().equals(message), again.toString());
        }
    }

    @FuzzTest(maxDuration = "10s")
    void anyTopicNameParsesToATopicThatNamesItselfOrToNothing(FuzzedDataProvider data) {
        String name = data.consumeRemainingAsString();
        Topics.parse(name).ifPresent(topic -> assertTrue(topic.name().equals(name),
                () -> "parsed " + name + " as " + topic.name()));
    }
}

package vn.onedesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.devices.DeviceStatus;
import vn.onedesk.protocol.ticketing.TicketRequest;

/** Issue 13, finding 9: duplicate keys, parser limits, the appointment window and bounded echoes. */
class JsonCodecInputLimitsTest {

    @Nested
    class DuplicateKeys {

        @Test
        void aTicketRequestThatNamesAKeyTwiceIsMalformedAndTheDetailNamesTheKey() {
            Decoded.Failed<TicketRequest> failed = failed(
                    "{\"requestId\":\"r1\",\"service\":\"TP\",\"service\":\"HT\",\"language\":\"en\"}", TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("key 'service' appears more than once in the same object", failed.error().detail());
            assertEquals(Optional.of("r1"), failed.requestId());
        }

        @Test
        void aDuplicateKeyInsideANestedObjectIsRefusedToo() {
            Decoded.Failed<DeviceStatus> failed = failed("{\"status\":\"ONLINE\",\"printer\":{\"paper\":\"OK\","
                    + "\"paper\":\"OUT\",\"jammed\":false}}", DeviceStatus.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("key 'paper' appears more than once in the same object", failed.error().detail());
        }

        @Test
        void aRequestIdGivenTwiceIsNotEchoedBecauseNeitherIsTheRequestId() {
            Decoded.Failed<TicketRequest> failed = failed(
                    "{\"requestId\":\"r1\",\"requestId\":\"r2\",\"service\":\"TP\"}", TicketRequest.class);
            assertEquals("key 'requestId' appears more than once in the same object", failed.error().detail());
            assertEquals(Optional.empty(), failed.requestId());
        }

        @Test
        void theSameKeyInTwoDifferentObjectsIsNotADuplicate() {
            assertTrue(JsonCodec.decode(bytes("{\"requestId\":\"r1\",\"service\":\"TP\",\"x\":{\"service\":1},"
                    + "\"y\":[{\"service\":1},{\"service\":2}]}"), TicketRequest.class) instanceof Decoded.Ok);
        }

        @Test
        void aCounterCommandThatNamesItsCommandTwiceIsMalformed() {
            Decoded.Failed<CounterCommand> failed = failed(
                    "{\"requestId\":\"c1\",\"command\":\"CALL_NEXT\",\"command\":\"CLOSE\"}", CounterCommand.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("key 'command' appears more than once in the same object", failed.error().detail());
            assertEquals(Optional.of("c1"), failed.requestId());
        }
    }

    @Nested
    class ParserLimits {

        @Test
        void aThreeThousandDigitNumberIsMalformedWithTheLimitNamedAndTheRequestIdKept() {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"r1\",\"language\":\"en\",\"service\":\"TP\","
                    + "\"n\":" + "9".repeat(3000) + "}", TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("payload has a number longer than " + JsonCodec.MAX_NUMBER_CHARS + " digits",
                    failed.error().detail());
            assertEquals(Optional.of("r1"), failed.requestId());
            assertEquals(Language.EN, failed.replyLanguage());
        }

        @Test
        void aLongFractionIsALongNumberToo() {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"r1\",\"n\":0." + "1".repeat(3000) + "}",
                    TicketRequest.class);
            assertEquals("payload has a number longer than " + JsonCodec.MAX_NUMBER_CHARS + " digits",
                    failed.error().detail());
            assertEquals(Optional.of("r1"), failed.requestId());
        }

        @Test
        void twoThousandNestingLevelsAreMalformedWithTheLimitNamedAndTheRequestIdKept() {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"r1\",\"n\":" + "[".repeat(2000)
                    + "]".repeat(2000) + "}", TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("payload has nesting deeper than " + JsonCodec.MAX_NESTING_DEPTH + " levels",
                    failed.error().detail());
            assertEquals(Optional.of("r1"), failed.requestId());
        }

        @Test
        void nestingThatIsNeverClosedStillNamesTheLimit() {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"r1\",\"n\":" + "{\"a\":".repeat(600),
                    TicketRequest.class);
            assertEquals("payload has nesting deeper than " + JsonCodec.MAX_NESTING_DEPTH + " levels",
                    failed.error().detail());
        }

        @Test
        void aStringAsLongAsThePayloadLimitAllowsIsReadNotRefusedAsTooLong() {
            String json = "{\"requestId\":\"r1\",\"service\":\"TP\",\"note\":\"\"}";
            String padded = json.replace("\"note\":\"\"", "\"note\":\""
                    + "x".repeat(JsonCodec.MAX_PAYLOAD_BYTES - json.length()) + "\"");
            assertEquals(JsonCodec.MAX_PAYLOAD_BYTES, bytes(padded).length);
            assertTrue(JsonCodec.decode(bytes(padded), TicketRequest.class) instanceof Decoded.Ok);
        }

        @Test
        void aRequestIdThatComesAfterTheBrokenLimitCannotBeReadAndIsNotEchoed() {
            Decoded.Failed<TicketRequest> failed = failed("{\"n\":" + "9".repeat(3000) + ",\"requestId\":\"r1\"}",
                    TicketRequest.class);
            assertEquals(Optional.empty(), failed.requestId());
        }

        @Test
        void aNestedRequestIdIsNotTakenForTheRequestsOwn() {
            Decoded.Failed<TicketRequest> failed = failed("{\"x\":{\"requestId\":\"r1\"},\"n\":" + "9".repeat(3000)
                    + "}", TicketRequest.class);
            assertEquals(Optional.empty(), failed.requestId());
        }

        @Test
        void theRequestedLanguageIsReadEvenWhenALimitIsBrokenLater() {
            assertEquals(Optional.of(Language.EN), JsonCodec.requestedLanguage(
                    bytes("{\"language\":\"en\",\"n\":" + "9".repeat(3000) + "}")));
        }

        @Test
        void numbersNestingAndStringsWithinTheLimitsStillDecode() {
            assertTrue(JsonCodec.decode(bytes("{\"requestId\":\"r1\",\"service\":\"TP\",\"n\":" + "9".repeat(100)
                    + ",\"d\":" + "[".repeat(31) + "]".repeat(31) + "}"),
                    TicketRequest.class) instanceof Decoded.Ok);
        }
    }

    @Nested
    class AppointmentWindow {

        @ParameterizedTest
        @ValueSource(strings = {"+999999999-12-31T23:59:59Z", "-999999999-01-01T00:00:00Z", "1999-12-31T23:59:59Z",
                "2100-01-01T00:00:00Z", "0000-01-01T00:00:00Z"})
        void anAppointmentOutsideTheWindowIsMalformedAndNamesTheField(String at) {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"a1\",\"service\":\"TP\","
                    + "\"channel\":\"APPOINTMENT\",\"appointmentAt\":\"" + at + "\"}", TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().startsWith("'appointmentAt' must be from 2000-01-01T00:00:00Z"),
                    failed.error().detail());
            assertEquals(Optional.of("a1"), failed.requestId());
        }

        @ParameterizedTest
        @ValueSource(strings = {"2000-01-01T00:00:00Z", "2025-03-03T02:30:00Z", "2099-12-31T23:59:59Z"})
        void anAppointmentInsideTheWindowIsAccepted(String at) {
            TicketRequest request = JsonCodec.decode(bytes("{\"requestId\":\"a1\",\"service\":\"TP\","
                    + "\"channel\":\"APPOINTMENT\",\"appointmentAt\":\"" + at + "\"}"), TicketRequest.class).orThrow();
            assertEquals(Instant.parse(at), request.appointmentAt());
        }

        @Test
        void anAbsurdBookedTimeOnAWalkInTicketIsStillIgnored() {
            TicketRequest request = JsonCodec.decode(bytes("{\"requestId\":\"w1\",\"service\":\"TP\","
                    + "\"appointmentAt\":\"+999999999-12-31T23:59:59Z\"}"), TicketRequest.class).orThrow();
            assertEquals(null, request.appointmentAt());
        }
    }

    @Nested
    class BoundedEchoes {

        @Test
        void aDeviceErrorRepeatsAtMostTwoHundredCharactersOfTheTopic() {
            String topic = "onedesk/v1/" + "x".repeat(60_000);
            DeviceError error = DeviceError.of(topic, null, ProtocolError.of(ErrorCode.UNKNOWN_TOPIC), Language.EN);
            assertEquals(DeviceError.MAX_TOPIC_ECHO + 1, error.topic().length());
            assertTrue(error.topic().startsWith("onedesk/v1/xxx") && error.topic().endsWith("…"));
            assertTrue(JsonCodec.encode(error).length < 1_500);
        }

        @Test
        void aTopicWithinTheBoundIsRepeatedWhole() {
            String topic = "onedesk/v1/hcm-q1/kiosks/kiosk-1/tickets/request";
            assertEquals(topic, DeviceError.of(topic, null, ProtocolError.of(ErrorCode.MALFORMED), Language.VI).topic());
        }

        @Test
        void anErrorDetailThatRepeatsALongInputIsCut() {
            ErrorView view = ProtocolError.of(ErrorCode.NOT_AUTHORISED, "may not subscribe to " + "#".repeat(60_000))
                    .view(Language.EN);
            assertEquals(ErrorView.MAX_DETAIL_CHARS + 1, view.detail().length());
            assertTrue(view.detail().endsWith("…"));
        }

        @Test
        void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
            String topic = "a".repeat(DeviceError.MAX_TOPIC_ECHO - 1) + "😀".repeat(10);
            String echoed = DeviceError.boundedTopic(topic);
            assertEquals("a".repeat(DeviceError.MAX_TOPIC_ECHO - 1) + "…", echoed);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static <T> Decoded.Failed<T> failed(String json, Class<T> type) {
        Decoded<T> decoded = JsonCodec.decode(bytes(json), type);
        assertTrue(decoded instanceof Decoded.Failed<T>, () -> "expected a failure, got " + decoded);
        return (Decoded.Failed<T>) decoded;
    }
}

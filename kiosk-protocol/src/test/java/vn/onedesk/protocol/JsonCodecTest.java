package vn.onedesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import vn.onedesk.protocol.counters.CommandName;
import vn.onedesk.protocol.counters.CounterCommand;
import vn.onedesk.protocol.counters.CounterQueue;
import vn.onedesk.protocol.counters.CounterReply;
import vn.onedesk.protocol.counters.CounterView;
import vn.onedesk.protocol.counters.NowServing;
import vn.onedesk.protocol.devices.DeviceStatus;
import vn.onedesk.protocol.devices.PaperLevel;
import vn.onedesk.protocol.devices.Presence;
import vn.onedesk.protocol.devices.PrinterStatus;
import vn.onedesk.protocol.displays.Board;
import vn.onedesk.protocol.displays.CallAnnouncement;
import vn.onedesk.protocol.displays.WaitEstimate;
import vn.onedesk.protocol.ticketing.Channel;
import vn.onedesk.protocol.ticketing.EstimatedWaitView;
import vn.onedesk.protocol.ticketing.Priority;
import vn.onedesk.protocol.ticketing.ServiceState;
import vn.onedesk.protocol.ticketing.TicketRequest;
import vn.onedesk.protocol.ticketing.TicketResponse;
import vn.onedesk.protocol.ticketing.TicketView;

class JsonCodecTest {

    private static final Instant T = Instant.parse("2025-03-03T01:15:00Z");

    // ---------------------------------------------------------------- not a JSON object

    @Nested
    class PayloadsThatAreNotAJsonObject {

        @ParameterizedTest
        @ValueSource(strings = {"hello", "{", "{\"requestId\":", "{'requestId':'r1'}", "{requestId:\"r1\"}",
                "{\"requestId\":\"r1\",}", "<xml/>"})
        void aPayloadThatIsNotJsonIsMalformed(String payload) {
            Decoded.Failed<TicketRequest> failed = failed(payload, TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("payload is not valid JSON in UTF-8", failed.error().detail());
            assertEquals(Optional.empty(), failed.requestId());
        }

        @ParameterizedTest
        @ValueSource(strings = {"[]", "[{\"requestId\":\"r1\",\"service\":\"TP\"}]", "\"TP\"", "42", "true", "null", "",
                "   "})
        void aJsonValueOtherThanAnObjectIsMalformedBecauseThePayloadMustBeAnObject(String payload) {
            Decoded.Failed<TicketRequest> failed = failed(payload, TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("payload must be a JSON object", failed.error().detail());
        }

        @Test
        void invalidUtf8BytesAreMalformedRatherThanAnException() {
            byte[] latin1 = "{\"requestId\":\"r1\",\"service\":\"Tư pháp\"}".getBytes(StandardCharsets.ISO_8859_1);
            byte[] truncatedSequence = {'{', '"', 'r', 'e', 'q', 'u', 'e', 's', 't', 'I', 'd', '"', ':', '"',
                    (byte) 0xE1, (byte) 0xBB, '"', '}'};
            byte[] invalidStartByte = {'{', '"', (byte) 0xFF, '"', ':', '1', '}'};
            for (byte[] payload : List.of(latin1, truncatedSequence, invalidStartByte)) {
                Decoded<TicketRequest> decoded = JsonCodec.decode(payload, TicketRequest.class);
                Decoded.Failed<?> failed = assertInstanceOf(Decoded.Failed.class, decoded);
                assertEquals(ErrorCode.MALFORMED, failed.error().code());
                assertTrue(failed.error().detail().contains("UTF-8"), failed.error().detail());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"requestId\":\"r1\",\"service\":\"TP\"} trailing",
                "{\"requestId\":\"r1\",\"service\":\"TP\"}{\"requestId\":\"r2\",\"service\":\"TP\"}",
                "{\"requestId\":\"r1\",\"service\":\"TP\"}]"})
        void contentAfterTheObjectIsMalformedInsteadOfBeingSilentlyDropped(String payload) {
            assertEquals(ErrorCode.MALFORMED, failed(payload, TicketRequest.class).error().code());
        }

        @Test
        void whitespaceAroundTheObjectIsFine() {
            assertEquals(TicketRequest.of("r1", "TP"),
                    ok(" \n\t{\"requestId\":\"r1\",\"service\":\"TP\"}\r\n ", TicketRequest.class));
        }
    }

    // ---------------------------------------------------------------- ticket requests

    @Nested
    class TicketRequests {

        @Test
        void aCompleteTicketRequestDecodesIntoTheRecord() {
            TicketRequest request = ok("{\"requestId\":\"kiosk-01-0042\",\"service\":\"TP\",\"priority\":\"ELDERLY\","
                    + "\"channel\":\"APPOINTMENT\",\"language\":\"en\",\"appointmentAt\":\"2025-03-03T09:30:00+07:00\"}",
                    TicketRequest.class);
            assertEquals(new TicketRequest("kiosk-01-0042", "TP", Priority.ELDERLY, Channel.APPOINTMENT, Language.EN,
                    java.time.Instant.parse("2025-03-03T02:30:00Z")), request);
        }

        @Test
        void anAppointmentCheckInWithoutItsBookedTimeIsMalformedAndNamesTheField() {
            var failed = JsonCodec.decode(("{\"requestId\":\"a1\",\"service\":\"TP\",\"channel\":\"APPOINTMENT\"}")
                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), TicketRequest.class);
            assertTrue(failed instanceof Decoded.Failed<TicketRequest> f
                    && f.error().code() == ErrorCode.MALFORMED && f.error().detail().contains("appointmentAt"));
        }

        @Test
        void aBookedTimeOnAWalkInTicketIsIgnored() {
            TicketRequest request = ok("{\"requestId\":\"w1\",\"service\":\"TP\",\"appointmentAt\":\"2025-03-03T02:30:00Z\"}",
                    TicketRequest.class);
            assertEquals(null, request.appointmentAt());
        }

        @Test
        void aTicketRequestWithOnlyRequestIdAndServiceGetsPriorityNoneChannelWalkInAndLanguageVi() {
            TicketRequest request = ok("{\"requestId\":\"r1\",\"service\":\"TP\"}", TicketRequest.class);
            assertEquals(Priority.NONE, request.priority());
            assertEquals(Channel.WALK_IN, request.channel());
            assertEquals(Language.VI, request.language());
        }

        @Test
        void explicitNullsForOptionalFieldsGetTheDefaultsToo() {
            TicketRequest request = ok("{\"requestId\":\"r1\",\"service\":\"TP\",\"priority\":null,\"channel\":null,"
                    + "\"language\":null}", TicketRequest.class);
            assertEquals(TicketRequest.of("r1", "TP"), request);
        }

        @Test
        void aTicketRequestWithoutRequestIdIsMalformedAndNamesTheField() {
            Decoded.Failed<TicketRequest> failed = failed("{\"service\":\"TP\"}", TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("'requestId' is required", failed.error().detail());
            assertEquals(Optional.empty(), failed.requestId());
        }

        @Test
        void aTicketRequestWithoutServiceIsMalformedAndNamesTheField() {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"r1\"}", TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("'service' is required", failed.error().detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"\"", "\"   \"", "null"})
        void aBlankOrNullServiceIsMalformedAndNamesTheField(String service) {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"r1\",\"service\":" + service + "}",
                    TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().contains("'service'"), failed.error().detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"has space", "-starts-with-dash", "slash/inside", "+", "#", "ngân-hàng",
                "x12345678901234567890123456789012345678901234567890123456789012345"})
        void aRequestIdThatIsNotAnIdentifierIsMalformedAndIsNotEchoed(String requestId) {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"" + requestId + "\",\"service\":\"TP\"}",
                    TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().startsWith("'requestId' must be"), failed.error().detail());
            assertEquals(Optional.empty(), failed.requestId());
        }

        @Test
        void aRequestIdOfSixtyFourCharactersIsAccepted() {
            String requestId = "r" + "0".repeat(63);
            assertEquals(requestId, ok("{\"requestId\":\"" + requestId + "\",\"service\":\"TP\"}",
                    TicketRequest.class).requestId());
        }

        @ParameterizedTest(name = "{0} → names {1}")
        @MethodSource("vn.onedesk.protocol.JsonCodecTest#wrongTypes")
        void aFieldOfTheWrongTypeIsMalformedAndNamesTheField(String payload, String field) {
            Decoded.Failed<TicketRequest> failed = failed(payload, TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().contains("'" + field + "'"),
                    "message names " + field + ": " + failed.error().detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"VIP\"", "\"elderly\"", "\"\"", "3", "0"})
        void anUnknownPriorityIsMalformedAndTheMessageListsTheAllowedValues(String priority) {
            Decoded.Failed<TicketRequest> failed = failed(
                    "{\"requestId\":\"r1\",\"service\":\"TP\",\"priority\":" + priority + "}", TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().startsWith("'priority' must be one of"), failed.error().detail());
            for (Priority allowed : Priority.values()) {
                assertTrue(failed.error().detail().contains(allowed.name()),
                        "lists " + allowed + ": " + failed.error().detail());
            }
            assertEquals(Optional.of("r1"), failed.requestId());
        }

        @Test
        void anUnknownChannelIsMalformedAndTheMessageListsTheAllowedValues() {
            Decoded.Failed<TicketRequest> failed = failed(
                    "{\"requestId\":\"r1\",\"service\":\"TP\",\"channel\":\"PHONE\"}", TicketRequest.class);
            assertEquals("'channel' must be one of [WALK_IN, REMOTE, APPOINTMENT]", failed.error().detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"fr", "VI", "vi-VN", ""})
        void aLanguageOtherThanViOrEnIsMalformedAndItsErrorIsInVietnamese(String language) {
            Decoded.Failed<TicketRequest> failed = failed(
                    "{\"requestId\":\"r1\",\"service\":\"TP\",\"language\":\"" + language + "\"}", TicketRequest.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("'language' must be \"vi\" or \"en\"", failed.error().detail());
            assertEquals(Optional.empty(), failed.language());
            assertEquals(Language.VI, failed.replyLanguage());
        }

        @Test
        void aMalformedRequestThatAsksForEnglishKeepsItsLanguageForTheReply() {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"r1\",\"language\":\"en\"}",
                    TicketRequest.class);
            assertEquals("'service' is required", failed.error().detail());
            assertEquals(Optional.of(Language.EN), failed.language());
            assertEquals(Language.EN, failed.replyLanguage());
        }

        @Test
        void unknownExtraFieldsAreIgnored() {
            TicketRequest request = ok("{\"requestId\":\"r1\",\"service\":\"TP\",\"kioskModel\":\"K-200\","
                    + "\"printer\":{\"paper\":[1,2,{\"low\":true}]},\"firmware\":3.2,\"debug\":null}",
                    TicketRequest.class);
            assertEquals(TicketRequest.of("r1", "TP"), request);
        }
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                Arguments.of("{\"requestId\":\"r1\",\"service\":123}", "service"),
                Arguments.of("{\"requestId\":\"r1\",\"service\":12.5}", "service"),
                Arguments.of("{\"requestId\":\"r1\",\"service\":true}", "service"),
                Arguments.of("{\"requestId\":\"r1\",\"service\":[\"TP\"]}", "service"),
                Arguments.of("{\"requestId\":\"r1\",\"service\":{\"code\":\"TP\"}}", "service"),
                Arguments.of("{\"requestId\":42,\"service\":\"TP\"}", "requestId"),
                Arguments.of("{\"requestId\":[\"r1\"],\"service\":\"TP\"}", "requestId"),
                Arguments.of("{\"requestId\":\"r1\",\"service\":\"TP\",\"priority\":{}}", "priority"),
                Arguments.of("{\"requestId\":\"r1\",\"service\":\"TP\",\"priority\":[\"NONE\"]}", "priority"),
                Arguments.of("{\"requestId\":\"r1\",\"service\":\"TP\",\"channel\":true}", "channel"),
                Arguments.of("{\"requestId\":\"r1\",\"service\":\"TP\",\"language\":5}", "language"),
                Arguments.of("{\"requestId\":\"r1\",\"service\":\"TP\",\"language\":[\"vi\"]}", "language"));
    }

    // ---------------------------------------------------------------- counter commands

    @Nested
    class CounterCommands {

        @Test
        void everyCommandNameDecodes() {
            for (CommandName name : CommandName.values()) {
                String service = switch (name) {
                    case TRANSFER -> ",\"service\":\"BHXH\"";
                    case PARK -> ",\"reason\":\"Đi photo giấy tờ\"";
                    case CALL_PARKED -> ",\"ticket\":\"A023\"";
                    case CALL_NUMBER -> ",\"ticket\":\"A023\",\"reason\":\"Lãnh đạo yêu cầu\"";
                    case REQUEUE -> ",\"ticket\":\"A023\"";
                    default -> "";
                };
                CounterCommand command = ok("{\"requestId\":\"Q01-1\",\"command\":\"" + name + "\"" + service + "}",
                        CounterCommand.class);
                assertEquals(name, command.command());
            }
        }

        @ParameterizedTest
        @ValueSource(strings = {"DANCE", "call_next", "CALLNEXT", "", " OPEN"})
        void anUnknownCommandIsUnknownCommandAndListsTheCommands(String command) {
            Decoded.Failed<CounterCommand> failed = failed(
                    "{\"requestId\":\"Q01-1\",\"command\":\"" + command + "\"}", CounterCommand.class);
            if (command.isBlank()) {
                assertEquals(ErrorCode.MALFORMED, failed.error().code(), "a blank command is simply missing");
                assertEquals("'command' is required", failed.error().detail());
            } else {
                assertEquals(ErrorCode.UNKNOWN_COMMAND, failed.error().code());
                for (CommandName name : CommandName.values()) {
                    assertTrue(failed.error().detail().contains(name.name()), failed.error().detail());
                }
            }
            assertEquals(Optional.of("Q01-1"), failed.requestId());
        }

        @Test
        void aMissingCommandIsMalformedAndNamesTheField() {
            Decoded.Failed<CounterCommand> failed = failed("{\"requestId\":\"Q01-1\"}", CounterCommand.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("'command' is required", failed.error().detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"7", "true", "[\"OPEN\"]", "{\"name\":\"OPEN\"}"})
        void aCommandThatIsNotAStringIsMalformedRatherThanUnknown(String command) {
            Decoded.Failed<CounterCommand> failed = failed(
                    "{\"requestId\":\"Q01-1\",\"command\":" + command + "}", CounterCommand.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().contains("'command'"), failed.error().detail());
        }

        @Test
        void aTransferWithoutServiceIsMalformedAndNamesTheField() {
            Decoded.Failed<CounterCommand> failed = failed("{\"requestId\":\"Q01-1\",\"command\":\"TRANSFER\"}",
                    CounterCommand.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("'service' is required", failed.error().detail());
            assertEquals(Optional.of("Q01-1"), failed.requestId());
        }

        @Test
        void aTransferWithAServiceThatIsNotAnIdentifierIsMalformed() {
            Decoded.Failed<CounterCommand> failed = failed(
                    "{\"requestId\":\"Q01-1\",\"command\":\"TRANSFER\",\"service\":\"Bảo hiểm\"}", CounterCommand.class);
            assertTrue(failed.error().detail().startsWith("'service' must be"), failed.error().detail());
        }

        @Test
        void aTransferKeepsItsService() {
            assertEquals(new CounterCommand("Q01-1", CommandName.TRANSFER, "BHXH"),
                    ok("{\"requestId\":\"Q01-1\",\"command\":\"TRANSFER\",\"service\":\"BHXH\"}", CounterCommand.class));
        }

        @ParameterizedTest
        @CsvSource(delimiter = '|', value = {
                "{\"requestId\":\"Q01-1\",\"command\":\"PARK\"}|reason|'reason' is required",
                "{\"requestId\":\"Q01-1\",\"command\":\"PARK\",\"reason\":\"   \"}|reason|'reason' is required",
                "{\"requestId\":\"Q01-1\",\"command\":\"PARK\",\"reason\":\"a\\u0007b\"}|reason|'reason' must not contain control characters",
                "{\"requestId\":\"Q01-1\",\"command\":\"CALL_PARKED\"}|ticket|'ticket' is required",
                "{\"requestId\":\"Q01-1\",\"command\":\"CALL_PARKED\",\"ticket\":\"a023\"}|ticket|'ticket' must be a ticket number such as A023: one or two capital letters, then 3-6 digits",
                "{\"requestId\":\"Q01-1\",\"command\":\"CALL_NUMBER\",\"ticket\":\"A023\"}|reason|'reason' is required",
                "{\"requestId\":\"Q01-1\",\"command\":\"CALL_NUMBER\",\"reason\":\"gấp\"}|ticket|'ticket' is required",
                "{\"requestId\":\"Q01-1\",\"command\":\"CALL_NUMBER\",\"ticket\":\"A0231234\",\"reason\":\"gấp\"}|ticket|'ticket' must be a ticket number such as A023: one or two capital letters, then 3-6 digits"})
        void aParkOrCallByNumberWithoutAValidTicketOrReasonIsMalformedAndNamesTheField(String json, String field,
                                                                                       String detail) {
            Decoded.Failed<CounterCommand> failed = failed(json, CounterCommand.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals(detail, failed.error().detail());
            assertEquals(Optional.of("Q01-1"), failed.requestId());
        }

        @Test
        void aReasonLongerThan200CharactersIsMalformedAndOneOf200IsKeptTrimmed() {
            String two = "ạ".repeat(200);
            Decoded.Failed<CounterCommand> failed = failed("{\"requestId\":\"Q01-1\",\"command\":\"PARK\","
                    + "\"reason\":\"" + two + "x\"}", CounterCommand.class);
            assertEquals("'reason' must be at most 200 characters", failed.error().detail());
            CounterCommand ok = ok("{\"requestId\":\"Q01-1\",\"command\":\"PARK\",\"reason\":\" " + two + " \"}",
                    CounterCommand.class);
            assertEquals(two, ok.reason());
        }

        @Test
        void aCallByNumberKeepsItsTicketAndReasonWhileOtherCommandsDropThem() {
            assertEquals(CounterCommand.atTicket("Q01-1", CommandName.CALL_NUMBER, "A023", "Lãnh đạo yêu cầu", null),
                    ok("{\"requestId\":\"Q01-1\",\"command\":\"CALL_NUMBER\",\"ticket\":\"A023\","
                            + "\"reason\":\"Lãnh đạo yêu cầu\"}", CounterCommand.class));
            CounterCommand parked = ok("{\"requestId\":\"Q01-1\",\"command\":\"CALL_PARKED\",\"ticket\":\"A023\","
                    + "\"reason\":\"ignored\"}", CounterCommand.class);
            assertEquals("A023", parked.ticket());
            assertEquals(null, parked.reason());
            CounterCommand next = ok("{\"requestId\":\"Q01-1\",\"command\":\"CALL_NEXT\",\"ticket\":\"A023\","
                    + "\"reason\":\"x\"}", CounterCommand.class);
            assertEquals(new CounterCommand("Q01-1", CommandName.CALL_NEXT, null), next);
        }

        @Test
        void aServiceOnAnyOtherCommandIsIgnored() {
            CounterCommand command = ok("{\"requestId\":\"Q01-1\",\"command\":\"OPEN\",\"service\":\"BHXH\"}",
                    CounterCommand.class);
            assertEquals(new CounterCommand("Q01-1", CommandName.OPEN, null), command);
            assertFalse(JsonCodec.encodeToString(command).contains("service"));
        }

        @Test
        void anOpenMayNameTheOfficerWithTheirPinAndThePinNeverShowsInToString() {
            CounterCommand open = ok("{\"requestId\":\"Q01-1\",\"command\":\"OPEN\",\"officer\":\"officer-Q01\","
                    + "\"pin\":\"1234\"}", CounterCommand.class);
            assertEquals("officer-Q01", open.officer());
            assertEquals("1234", open.pin());
            assertFalse(open.toString().contains("1234"), open.toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"officer\":\"officer-Q01\"", "\"pin\":\"1234\"",
                "\"officer\":\"officer-Q01\",\"pin\":\"12a4\"", "\"officer\":\"officer-Q01\",\"pin\":\"123\"",
                "\"officer\":\" \",\"pin\":\"1234\""})
        void anOfficerWithoutAPinAPinWithoutAnOfficerOrAPinThatIsNotFourToTwelveDigitsIsMalformed(String fields) {
            Decoded.Failed<CounterCommand> failed = failed("{\"requestId\":\"Q01-1\",\"command\":\"OPEN\","
                    + fields + "}", CounterCommand.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertFalse(failed.error().detail().contains("12a4") || failed.error().detail().contains("1234"),
                    "the detail never repeats the PIN: " + failed.error().detail());
        }

        @Test
        void anOfficerAndPinOnAnyCommandButOpenAreIgnored() {
            CounterCommand call = ok("{\"requestId\":\"Q01-1\",\"command\":\"CALL_NEXT\",\"officer\":\"x\","
                    + "\"pin\":\"1234\"}", CounterCommand.class);
            assertEquals(new CounterCommand("Q01-1", CommandName.CALL_NEXT, null), call);
        }

        private static final String PASS = "3q2-7wEjVxY8lQe0bT5mHkPz1dNa6uRcJf4sGiXoLvA";

        @Test
        void anOpenMayNameTheOfficerWithACounterPassInsteadOfAPinAndThePassNeverShowsInToString() {
            CounterCommand open = ok("{\"requestId\":\"Q05-1\",\"command\":\"OPEN\",\"officer\":\"officer-Q05\","
                    + "\"pass\":\"" + PASS + "\"}", CounterCommand.class);
            assertEquals(CounterCommand.openWithPass("Q05-1", "officer-Q05", PASS, Language.VI), open);
            assertNull(open.pin());
            assertFalse(open.toString().contains(PASS), open.toString());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"pass\":\"" + PASS + "\"",
                "\"officer\":\"officer-Q05\",\"pin\":\"1234\",\"pass\":\"" + PASS + "\"",
                "\"officer\":\"officer-Q05\",\"pass\":\"short\"",
                "\"officer\":\"officer-Q05\",\"pass\":\"" + PASS + "+/=\""})
        void aPassWithoutAnOfficerAPassWithAPinOrAPassNotShapedAsIssuedIsMalformedAndNeverRepeated(String fields) {
            Decoded.Failed<CounterCommand> failed = failed("{\"requestId\":\"Q05-1\",\"command\":\"OPEN\","
                    + fields + "}", CounterCommand.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertFalse(failed.error().detail().contains(PASS) || failed.error().detail().contains("short"),
                    "the detail never repeats the pass: " + failed.error().detail());
        }

        @Test
        void anOfficerAndPassOnAnyCommandButOpenAreIgnored() {
            CounterCommand close = ok("{\"requestId\":\"Q05-1\",\"command\":\"CLOSE\",\"officer\":\"officer-Q05\","
                    + "\"pass\":\"" + PASS + "\"}", CounterCommand.class);
            assertEquals(new CounterCommand("Q05-1", CommandName.CLOSE, null), close);
        }

        @Test
        void aCounterCommandWithoutLanguageAsksForVietnameseAndOneWithEnglishKeepsIt() {
            assertEquals(Language.VI, ok("{\"requestId\":\"Q01-1\",\"command\":\"OPEN\"}", CounterCommand.class)
                    .language());
            assertEquals(Language.VI, ok("{\"requestId\":\"Q01-1\",\"command\":\"OPEN\",\"language\":null}",
                    CounterCommand.class).language());
            assertEquals(new CounterCommand("Q01-1", CommandName.OPEN, null, Language.EN),
                    ok("{\"requestId\":\"Q01-1\",\"command\":\"OPEN\",\"language\":\"en\"}", CounterCommand.class));
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"fr\"", "\"EN\"", "\"en-GB\"", "\"\"", "1", "[\"en\"]"})
        void aCounterCommandWithALanguageOtherThanViOrEnIsMalformedAndNamesTheField(String language) {
            Decoded.Failed<CounterCommand> failed = failed(
                    "{\"requestId\":\"Q01-1\",\"command\":\"OPEN\",\"language\":" + language + "}", CounterCommand.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().startsWith("'language'"), failed.error().detail());
            assertEquals(Optional.of("Q01-1"), failed.requestId());
            assertEquals(Language.VI, failed.replyLanguage());
        }

        @Test
        void aCounterCommandWithoutRequestIdIsMalformedAndNamesTheField() {
            Decoded.Failed<CounterCommand> failed = failed("{\"command\":\"OPEN\"}", CounterCommand.class);
            assertEquals("'requestId' is required", failed.error().detail());
        }
    }

    // ---------------------------------------------------------------- device status

    @Nested
    class DeviceStatuses {

        @Test
        void aHeartbeatAndALastWillDecode() {
            assertEquals(new DeviceStatus(Presence.ONLINE, null), ok("{\"status\":\"ONLINE\"}", DeviceStatus.class));
            assertEquals(new DeviceStatus(Presence.OFFLINE, T),
                    ok("{\"status\":\"OFFLINE\",\"at\":\"2025-03-03T01:15:00Z\"}", DeviceStatus.class));
        }

        @Test
        void aTimestampWithAVietnameseOffsetIsReadAsTheSameInstant() {
            assertEquals(T, ok("{\"status\":\"ONLINE\",\"at\":\"2025-03-03T08:15:00+07:00\"}", DeviceStatus.class).at());
        }

        @Test
        void aStatusWithoutStatusIsMalformedAndNamesTheField() {
            assertEquals("'status' is required", failed("{\"at\":\"2025-03-03T01:15:00Z\"}", DeviceStatus.class)
                    .error().detail());
        }

        @Test
        void anUnknownPresenceIsMalformedAndListsTheAllowedValues() {
            assertEquals("'status' must be one of [ONLINE, OFFLINE]",
                    failed("{\"status\":\"AWAY\"}", DeviceStatus.class).error().detail());
        }

        @Test
        void aKioskHeartbeatCarriesItsPrinterState() {
            assertEquals(new DeviceStatus(Presence.ONLINE, T, new PrinterStatus(PaperLevel.LOW, false)),
                    ok("{\"status\":\"ONLINE\",\"at\":\"2025-03-03T01:15:00Z\","
                            + "\"printer\":{\"paper\":\"LOW\",\"jammed\":false}}", DeviceStatus.class));
            assertEquals(new PrinterStatus(PaperLevel.OUT, true),
                    ok("{\"status\":\"ONLINE\",\"printer\":{\"paper\":\"OUT\",\"jammed\":true}}",
                            DeviceStatus.class).printer());
        }

        @Test
        void aHeartbeatWithoutPrinterHasNoPrinterAndEncodesWithoutIt() {
            DeviceStatus status = ok("{\"status\":\"ONLINE\"}", DeviceStatus.class);
            assertEquals(null, status.printer());
            assertEquals("{\"status\":\"ONLINE\"}", JsonCodec.encodeToString(status));
        }

        @Test
        void aPrinterStateRoundTripsThroughTheCodec() {
            DeviceStatus status = new DeviceStatus(Presence.ONLINE, T, new PrinterStatus(PaperLevel.OK, true));
            assertEquals(status, JsonCodec.decode(JsonCodec.encode(status), DeviceStatus.class).orThrow());
        }

        @Test
        void anUnknownPaperLevelIsMalformedAndListsTheAllowedValues() {
            assertEquals("'printer.paper' must be one of [OK, LOW, OUT]", failed(
                    "{\"status\":\"ONLINE\",\"printer\":{\"paper\":\"EMPTY\",\"jammed\":false}}",
                    DeviceStatus.class).error().detail());
        }

        @Test
        void aPrinterWithoutPaperLevelIsMalformedAndNamesTheField() {
            Decoded.Failed<DeviceStatus> failed = failed("{\"status\":\"ONLINE\",\"printer\":{\"jammed\":false}}",
                    DeviceStatus.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertEquals("'printer.paper' is required", failed.error().detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"{\"paper\":\"OK\"}", "{\"paper\":\"OK\",\"jammed\":\"no\"}",
                "{\"paper\":\"OK\",\"jammed\":0}", "{\"paper\":\"OK\",\"jammed\":null}"})
        void aPrinterWhoseJammedFlagIsMissingOrNotABooleanIsMalformedAndNamesTheField(String printer) {
            Decoded.Failed<DeviceStatus> failed = failed("{\"status\":\"ONLINE\",\"printer\":" + printer + "}",
                    DeviceStatus.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().startsWith("'printer.jammed' "), failed.error().detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"OUT\"", "true", "[]", "42"})
        void aPrinterThatIsNotAnObjectIsMalformedAndNamesTheField(String printer) {
            Decoded.Failed<DeviceStatus> failed = failed("{\"status\":\"ONLINE\",\"printer\":" + printer + "}",
                    DeviceStatus.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().startsWith("'printer"), failed.error().detail());
        }

        @ParameterizedTest
        @ValueSource(strings = {"\"yesterday\"", "\"2025-03-03\"", "\"03/03/2025 08:15\"", "1741000000",
                "1741000000000", "1741000000.5", "true", "{}"})
        void aTimestampThatIsNotAnIsoStringIsMalformedAndNamesTheField(String at) {
            Decoded.Failed<DeviceStatus> failed = failed("{\"status\":\"ONLINE\",\"at\":" + at + "}", DeviceStatus.class);
            assertEquals(ErrorCode.MALFORMED, failed.error().code());
            assertTrue(failed.error().detail().startsWith("'at' "), failed.error().detail());
        }
    }

    // ---------------------------------------------------------------- limits and request ids

    @Test
    void aPayloadOverTheLimitIsPayloadTooLarge() {
        byte[] payload = padded(JsonCodec.MAX_PAYLOAD_BYTES + 1);
        Decoded.Failed<?> failed = assertInstanceOf(Decoded.Failed.class,
                JsonCodec.decode(payload, TicketRequest.class));
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE, failed.error().code());
        assertTrue(failed.error().detail().contains("4096"), failed.error().detail());
        assertEquals(Optional.empty(), failed.requestId());
    }

    @Test
    void aPayloadOfExactlyTheLimitIsRead() {
        assertEquals(TicketRequest.of("r1", "TP"),
                JsonCodec.decode(padded(JsonCodec.MAX_PAYLOAD_BYTES), TicketRequest.class).orThrow());
    }

    @Test
    void anOversizedPayloadIsRefusedWhateverItContains() {
        byte[] garbage = new byte[64 * 1024];
        Arrays.fill(garbage, (byte) '[');
        assertEquals(ErrorCode.PAYLOAD_TOO_LARGE,
                ((Decoded.Failed<?>) JsonCodec.decode(garbage, CounterCommand.class)).error().code());
    }

    /** A valid ticket request of exactly {@code size} bytes, padded with an unknown field. */
    private static byte[] padded(int size) {
        String head = "{\"requestId\":\"r1\",\"service\":\"TP\",\"padding\":\"";
        String tail = "\"}";
        byte[] payload = (head + "x".repeat(size - head.length() - tail.length()) + tail)
                .getBytes(StandardCharsets.UTF_8);
        assertEquals(size, payload.length);
        return payload;
    }

    @ParameterizedTest
    @ValueSource(strings = {"kiosk-01-0042", "kiosk-01:appt:7781", "Q01.2025-03-03_7"})
    void theRequestIdIsKeptInTheFailureWhenItCanBeRead(String requestId) {
        Decoded.Failed<TicketRequest> failed = failed(
                "{\"requestId\":\"" + requestId + "\",\"service\":\"TP\",\"priority\":\"VIP\"}", TicketRequest.class);
        assertEquals(Optional.of(requestId), failed.requestId());
        Decoded.Failed<CounterCommand> command = failed("{\"requestId\":\"" + requestId + "\",\"command\":\"DANCE\"}",
                CounterCommand.class);
        assertEquals(Optional.of(requestId), command.requestId());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"requestId\":42}", "{\"requestId\":null}", "{\"requestId\":{\"id\":\"r1\"}}",
            "{\"requestId\":\"two words\"}", "{\"service\":\"TP\"}"})
    void noRequestIdIsEchoedWhenItCannotBeRead(String payload) {
        assertEquals(Optional.empty(), failed(payload, TicketRequest.class).requestId());
    }

    // ---------------------------------------------------------------- messages are for people

    @Test
    void errorMessagesNeverLeakJavaClassesOrExceptions() {
        List<String> forbidden = List.of("java.", "Exception", "jackson", "vn.onedesk", "TicketRequest",
                "TicketResponse", "TicketView", "CounterCommand", "CounterReply", "CounterView", "CommandName",
                "NowServing", "CallAnnouncement", "WaitEstimate", "EstimatedWaitView", "DeviceStatus", "Presence",
                "PrinterStatus", "PaperLevel",
                "ProtocolError", "ErrorView", "ErrorCode", "DeviceError", "Language", "Instant", "String", "Integer", "Long", "Priority", "Channel",
                "Cannot", "`", "\n", "line:", "column:", "Source:");
        List<String> payloads = List.of("x", "{", "[]", "null", "{}", "{\"requestId\":5}", "{\"requestId\":\"r1\"}",
                "{\"requestId\":\"r1\",\"service\":[]}", "{\"requestId\":\"r1\",\"service\":\"TP\",\"priority\":\"X\"}",
                "{\"requestId\":\"r1\",\"service\":\"TP\",\"channel\":7}", "{\"requestId\":\"r1\",\"command\":\"X\"}",
                "{\"requestId\":\"r1\",\"command\":\"TRANSFER\"}", "{\"status\":\"ONLINE\",\"at\":\"soon\"}",
                "{\"status\":\"ONLINE\",\"at\":5}", "{\"seq\":\"1\"}", "{\"seq\":1.5}", "{\"seq\":1e999}",
                "{\"seq\":123456789012345678901234567890}", "{\"counter\":\"Q01\",\"counterNumber\":null}",
                "{\"requestId\":\"r1\",\"ticket\":{\"estimatedWait\":{\"seconds\":-1}}}",
                "{\"requestId\":\"r1\",\"ticket\":{\"id\":\"t\"},\"error\":{\"code\":\"MALFORMED\"}}",
                "{\"requestId\":\"r1\",\"error\":{\"code\":\"OOPS\"}}", "{\"requestId\":\"r1\",\"language\":\"fr\"}",
                "{\"requestId\":\"r1\",\"command\":\"OPEN\",\"language\":[]}", "{\"requestId\":\"r1\",\"counter\":[]}",
                "{\"status\":\"ONLINE\"} {}", "{\"status\":\"ONLINE\",\"printer\":{\"paper\":\"X\"}}",
                "{\"status\":\"ONLINE\",\"printer\":{\"jammed\":1}}", "{\"status\":\"ONLINE\",\"printer\":7}", "{\"a\":\"\\uZZZZ\"}", "{\"a\":\"\u0001\"}");
        List<Class<?>> types = List.of(TicketRequest.class, TicketResponse.class, CounterCommand.class,
                CounterReply.class, CounterView.class, NowServing.class, CallAnnouncement.class, WaitEstimate.class,
                DeviceStatus.class, DeviceError.class, TicketView.class, EstimatedWaitView.class, ErrorView.class);
        for (Class<?> type : types) {
            for (String payload : payloads) {
                Decoded<?> decoded = JsonCodec.decode(payload.getBytes(StandardCharsets.UTF_8), type);
                if (decoded instanceof Decoded.Failed<?> failed) {
                    String message = failed.error().detail();
                    assertFalse(message.isBlank());
                    for (String word : forbidden) {
                        assertFalse(message.contains(word), "decoding " + payload + " as " + type.getSimpleName()
                                + " gave \"" + message + "\" which contains " + word);
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- the shape of an error

    @Nested
    class ErrorsOnTheWire {
        private static final String CLOSED = "the centre is outside its opening hours (07:30-17:00)";

        @Test
        void anErrorIsWrittenAsItsCodeTheCodesVietnameseTextAndTheEnglishDetailByDefault() {
            JsonNode error = tree(TicketResponse.refused("r1", ProtocolError.of(ErrorCode.SERVICE_CLOSED, CLOSED),
                    Language.DEFAULT)).path("error");
            assertEquals(List.of("code", "message", "detail"), fieldNames(error));
            assertEquals("SERVICE_CLOSED", error.path("code").asText());
            assertEquals("Lĩnh vực này hiện không cấp số; vui lòng quay lại trong giờ làm việc.",
                    error.path("message").asText());
            assertEquals(CLOSED, error.path("detail").asText());
        }

        @Test
        void anErrorForARequestInEnglishHasTheCodesEnglishTextAndTheSameDetail() {
            JsonNode error = tree(TicketResponse.refused("r1", ProtocolError.of(ErrorCode.SERVICE_CLOSED, CLOSED),
                    Language.EN)).path("error");
            assertEquals(List.of("code", "message", "detail"), fieldNames(error));
            assertEquals("The service is not taking tickets now.", error.path("message").asText());
            assertEquals(CLOSED, error.path("detail").asText());
        }

        @Test
        void counterRepliesAndDeviceErrorsCarryTheErrorInTheSameShape() {
            ProtocolError busy = ProtocolError.of(ErrorCode.NO_TICKET_WAITING, "nothing counter Q01 serves is waiting");
            JsonNode reply = tree(CounterReply.refused("Q01-1", CommandName.CALL_NEXT, busy, Language.EN)).path("error");
            assertEquals(List.of("code", "message", "detail"), fieldNames(reply));
            assertEquals(ErrorCode.NO_TICKET_WAITING.englishMessage(), reply.path("message").asText());
            assertEquals("nothing counter Q01 serves is waiting", reply.path("detail").asText());

            JsonNode device = tree(DeviceError.of("onedesk/v1/hcm-q1/calls", null,
                    ProtocolError.of(ErrorCode.NOT_AUTHORISED, "device k1 may not publish on onedesk/v1/hcm-q1/calls"),
                    Language.VI)).path("error");
            assertEquals(List.of("code", "message", "detail"), fieldNames(device));
            assertEquals("Thiết bị không được phép thực hiện thao tác này.", device.path("message").asText());
            assertEquals("device k1 may not publish on onedesk/v1/hcm-q1/calls", device.path("detail").asText());
        }

        @Test
        void anErrorWithNothingMoreToSayHasTheCodesEnglishTextAsItsDetail() {
            assertEquals(ErrorCode.INTERNAL.englishMessage(), ProtocolError.of(ErrorCode.INTERNAL).detail());
            assertEquals(ErrorCode.INTERNAL.englishMessage(), ProtocolError.of(ErrorCode.INTERNAL, " ").detail());
        }

        @Test
        void everyCodeHasItsOwnVietnameseTextAndEnglishText() {
            for (ErrorCode code : ErrorCode.values()) {
                assertFalse(code.message(Language.VI).isBlank(), code + " in Vietnamese");
                assertFalse(code.message(Language.EN).isBlank(), code + " in English");
                assertEquals(code.vietnameseMessage(), code.message(Language.VI));
                assertEquals(code.englishMessage(), code.message(Language.EN));
                assertFalse(code.message(Language.VI).equals(code.message(Language.EN)), code.toString());
            }
        }

        @Test
        void aMalformedRequestThatAsksForEnglishIsAnsweredInEnglishWithTheFieldInTheDetail() {
            Decoded.Failed<TicketRequest> failed = failed("{\"requestId\":\"r1\",\"language\":\"en\"}",
                    TicketRequest.class);
            JsonNode error = tree(TicketResponse.refused(failed.requestId().orElse(null), failed.error(),
                    failed.replyLanguage())).path("error");
            assertEquals("MALFORMED", error.path("code").asText());
            assertEquals(ErrorCode.MALFORMED.englishMessage(), error.path("message").asText());
            assertEquals("'service' is required", error.path("detail").asText());
        }

        @Test
        void aRequestThatCannotBeReadAtAllIsAnsweredInVietnamese() {
            Decoded.Failed<TicketRequest> failed = failed("{\"language\":\"en\",", TicketRequest.class);
            JsonNode error = tree(TicketResponse.refused(null, failed.error(), failed.replyLanguage())).path("error");
            assertEquals(ErrorCode.MALFORMED.vietnameseMessage(), error.path("message").asText());
            assertEquals("payload is not valid JSON in UTF-8", error.path("detail").asText());
        }

        @Test
        void theRequestedLanguageIsReadFromAnyJsonObjectThatNamesViOrEn() {
            assertEquals(Optional.of(Language.EN), JsonCodec.requestedLanguage(bytes("{\"language\":\"en\",\"requestId\":42}")));
            assertEquals(Optional.of(Language.EN), JsonCodec.requestedLanguage(bytes("{\"status\":7,\"language\":\"en\"}")));
            assertEquals(Optional.of(Language.VI), JsonCodec.requestedLanguage(bytes("{\"language\":\"vi\"}")));
            for (String none : List.of("{}", "{\"language\":\"fr\"}", "{\"language\":\"EN\"}", "{\"language\":1}",
                    "[{\"language\":\"en\"}]", "not json", "{\"language\":\"en\",\"x\":[", "{\"language\":\"en\",\"pad\":\"" + "x".repeat(5000) + "\"}")) {
                assertEquals(Optional.empty(), JsonCodec.requestedLanguage(bytes(none)), none);
            }
        }

        @Test
        void anErrorOnTheWireReadsBackAsTheSameValue() {
            ErrorView view = ProtocolError.of(ErrorCode.UNKNOWN_SERVICE, "centre hcm-q1 has no service ZZ").view(Language.EN);
            TicketResponse response = new TicketResponse("r1", null, view);
            assertEquals(response, ok(JsonCodec.encodeToString(response), TicketResponse.class));
        }

        private static byte[] bytes(String s) {
            return s.getBytes(StandardCharsets.UTF_8);
        }
    }

    // ---------------------------------------------------------------- other decoding

    @Test
    void aTicketResponseCarryingBothTicketAndErrorIsMalformed() {
        String payload = "{\"requestId\":\"r1\",\"ticket\":" + JsonCodec.encodeToString(ticket())
                + ",\"error\":{\"code\":\"INTERNAL\",\"message\":\"x\"}}";
        assertEquals(ErrorCode.MALFORMED, failed(payload, TicketResponse.class).error().code());
    }

    @Test
    void anEstimatedWaitWhoseBandIsUpsideDownIsMalformedAndNamesTheField() {
        Decoded.Failed<WaitEstimate> failed = failed("{\"service\":\"TP\",\"waiting\":1,\"openCounters\":1,"
                + "\"estimatedWait\":{\"seconds\":60,\"lowSeconds\":120,\"highSeconds\":30}}", WaitEstimate.class);
        assertEquals("'estimatedWait' is invalid", failed.error().detail());
    }

    @Test
    void anErrorReadWithoutItsTextsGetsTheVietnameseTextAndTheEnglishTextOfItsCode() {
        TicketResponse response = ok("{\"requestId\":\"r1\",\"error\":{\"code\":\"SERVICE_CLOSED\"}}",
                TicketResponse.class);
        assertEquals(new ErrorView(ErrorCode.SERVICE_CLOSED, ErrorCode.SERVICE_CLOSED.vietnameseMessage(),
                ErrorCode.SERVICE_CLOSED.englishMessage()), response.error());
    }

    @Test
    void anErrorWithoutItsCodeIsMalformed() {
        assertEquals(ErrorCode.MALFORMED, failed("{\"requestId\":\"r1\",\"error\":{\"message\":\"x\"}}",
                TicketResponse.class).error().code());
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"seq\":\"41\"}", "{\"seq\":41.5}", "{\"seq\":41,\"recall\":\"false\"}",
            "{\"seq\":41,\"recall\":0}", "{\"seq\":41,\"counterNumber\":\"1\"}", "{\"seq\":null}"})
    void numbersAndBooleansMustHaveTheirJsonTypes(String fields) {
        String base = "{\"seq\":41,\"ticket\":\"A003\",\"service\":\"TP\",\"counter\":\"Q01\","
                + "\"counterNumber\":1,\"recall\":false,\"calledAt\":\"2025-03-03T01:15:00Z\"}";
        JsonNode merged = JsonCodec.tree(base.getBytes(StandardCharsets.UTF_8));
        JsonCodec.tree(fields.getBytes(StandardCharsets.UTF_8)).fields()
                .forEachRemaining(f -> ((com.fasterxml.jackson.databind.node.ObjectNode) merged).set(f.getKey(), f.getValue()));
        Decoded.Failed<CallAnnouncement> failed = failed(merged.toString(), CallAnnouncement.class);
        assertEquals(ErrorCode.MALFORMED, failed.error().code());
        assertTrue(failed.error().detail().contains("'"), failed.error().detail());
    }

    @Test
    void orThrowNamesTheCodeAndFoldPicksTheBranch() {
        Decoded<TicketRequest> bad = JsonCodec.decode("{}".getBytes(StandardCharsets.UTF_8), TicketRequest.class);
        IllegalStateException e = assertThrows(IllegalStateException.class, bad::orThrow);
        assertEquals("MALFORMED: 'requestId' is required", e.getMessage());
        assertEquals("failed", bad.fold(ok -> "ok", failed -> "failed"));
    }

    // ---------------------------------------------------------------- encoding

    @Test
    void encodingOmitsNullFields() {
        JsonNode refused = tree(TicketResponse.refused("r1", ProtocolError.of(ErrorCode.SERVICE_CLOSED), Language.VI));
        assertFalse(refused.has("ticket"));
        assertEquals("SERVICE_CLOSED", refused.path("error").path("code").asText());

        JsonNode reply = tree(CounterReply.refused("Q01-1", null, ProtocolError.of(ErrorCode.UNKNOWN_COMMAND),
                Language.VI));
        assertEquals(List.of("requestId", "error"), fieldNames(reply));

        JsonNode idle = tree(new NowServing("Q02", 2, true, null, null, null, null));
        assertEquals(List.of("counter", "counterNumber", "open"), fieldNames(idle));

        JsonNode view = tree(new TicketView("t", "A001", "TP", null, Priority.NONE, Channel.WALK_IN, "DONE", T,
                null, null, null, null, null));
        assertFalse(view.has("ahead") || view.has("estimatedWait") || view.has("serviceName"));
        assertFalse(JsonCodec.encodeToString(new DeviceStatus(Presence.OFFLINE, null)).contains("null"));
    }

    @Test
    void encodingWritesInstantsAsIsoStrings() {
        JsonNode call = tree(new CallAnnouncement(41, "A003", "TP", "Q01", 1, false, T));
        assertTrue(call.path("calledAt").isTextual());
        assertEquals("2025-03-03T01:15:00Z", call.path("calledAt").asText());

        JsonNode precise = tree(new DeviceStatus(Presence.ONLINE, Instant.parse("2025-03-03T01:15:00.250Z")));
        assertEquals("2025-03-03T01:15:00.250Z", precise.path("at").asText());
    }

    @Test
    void aClosedServicesWaitCarriesItsStateAndNextOpeningInUtcAndNoEstimate() {
        JsonNode closed = tree(new WaitEstimate("TP", "Tư pháp", 2, 1, ServiceState.CLOSED,
                Instant.parse("2025-03-03T06:30:00Z"), null, T));
        assertEquals("CLOSED", closed.path("state").asText());
        assertEquals("2025-03-03T06:30:00Z", closed.path("opensAt").asText());
        assertFalse(closed.has("estimatedWait"), closed.toString());

        JsonNode noCounter = tree(new WaitEstimate("TP", "Tư pháp", 2, 0, ServiceState.NO_COUNTER, null, null, T));
        assertEquals("NO_COUNTER", noCounter.path("state").asText());
        assertFalse(noCounter.has("opensAt") || noCounter.has("estimatedWait"), noCounter.toString());
    }

    @Test
    void encodingWritesEnumsByNameAndKeepsVietnameseTextAsUtf8() {
        TicketView ticket = ticket();
        String json = JsonCodec.encodeToString(TicketResponse.issued("r1", ticket));
        assertTrue(json.contains("\"priority\":\"ELDERLY\""), json);
        assertTrue(json.contains("Tư pháp – Hộ tịch"), json);
    }

    @Test
    void everyMessageSurvivesAnEncodeDecodeRoundTrip() {
        List<Object> messages = List.of(
                new TicketRequest("r1", "TP", Priority.MERIT, Channel.REMOTE, Language.EN, null),
                TicketResponse.issued("r1", ticket()),
                TicketResponse.refused(null, ProtocolError.of(ErrorCode.MALFORMED, "'service' is required"), Language.VI),
                TicketResponse.refused("r2", ProtocolError.of(ErrorCode.SERVICE_CLOSED, "outside opening hours"),
                        Language.EN),
                new CounterCommand("Q01-1", CommandName.TRANSFER, "BHXH"),
                new CounterCommand("Q01-1", CommandName.OPEN, null, Language.EN),
                CounterReply.done("Q01-2", CommandName.CALL_NEXT, new CounterView("Q01", 1, "POSTAL", true), ticket(),
                        "earliest ELDERLY ticket"),
                CounterReply.refused("Q01-3", CommandName.OPEN, ProtocolError.of(ErrorCode.NOT_AUTHORISED), Language.EN),
                new NowServing("Q01", 1, true, "A003", "TP", "SERVING", T),
                new CallAnnouncement(Long.MAX_VALUE, "A003", "TP", "Q01", 1, true, T),
                new WaitEstimate("TP", "Tư pháp", 12, 2, ServiceState.OPEN, null, new EstimatedWaitView(1200, 900, 1500), T),
                new DeviceStatus(Presence.ONLINE, T),
                DeviceError.of("onedesk/v1/hcm-q1/calls", null, ProtocolError.of(ErrorCode.NOT_AUTHORISED), Language.VI),
                board(),
                new CounterQueue("Q01", List.of(new CounterQueue.ServiceLine("TP", "Tư pháp", 3),
                        new CounterQueue.ServiceLine("BHXH", null, 0)), List.of(ticket()), T));
        for (Object message : messages) {
            assertEquals(message, JsonCodec.decode(JsonCodec.encode(message), message.getClass()).orThrow());
        }
    }

    @Test
    void aBoardWritesEveryListEvenWhenEmptySoPagesNeedNoNullChecks() {
        JsonNode empty = tree(new Board("hcm-q1", "Quận 1", 0, List.of(), List.of(), List.of(), T));
        assertTrue(empty.path("counters").isArray() && empty.path("counters").isEmpty(), empty.toString());
        assertTrue(empty.path("recentCalls").isArray(), empty.toString());
        assertTrue(empty.path("services").isArray(), empty.toString());
        assertEquals(0, empty.path("lastSeq").asLong(-1));
    }

    @Test
    void aBoardOrCounterQueueWithoutItsListsDecodesWithEmptyLists() {
        Board board = ok("{\"centre\":\"c\",\"centreName\":\"C\",\"lastSeq\":3}", Board.class);
        assertEquals(List.of(), board.counters());
        assertEquals(List.of(), board.recentCalls());
        assertEquals(List.of(), board.services());
        CounterQueue queue = ok("{\"counter\":\"Q01\"}", CounterQueue.class);
        assertEquals(List.of(), queue.next());
        assertEquals(List.of(), queue.services());
    }

    @Test
    void aNullInsideABoardListIsMalformedRatherThanAHole() {
        Decoded.Failed<Board> failed = failed("{\"centre\":\"c\",\"centreName\":\"C\",\"lastSeq\":3,"
                + "\"recentCalls\":[null]}", Board.class);
        assertEquals(ErrorCode.MALFORMED, failed.error().code());
    }

    // ---------------------------------------------------------------- helpers

    private static Board board() {
        return new Board("hcm-q1", "Trung tâm Quận 1", 42,
                List.of(new NowServing("Q01", 1, true, "A003", "TP", "CALLED", T),
                        new NowServing("Q02", 2, false, null, null, null, null)),
                List.of(new CallAnnouncement(42, "A003", "TP", "Q01", 1, true, T),
                        new CallAnnouncement(41, "A003", "TP", "Q01", 1, false, T)),
                List.of(new WaitEstimate("TP", "Tư pháp", 12, 2, ServiceState.OPEN, null, new EstimatedWaitView(1200, 900, 1500), T)), T);
    }

    private static TicketView ticket() {
        return new TicketView("tk-A005", "A005", "TP", "Tư pháp – Hộ tịch", Priority.ELDERLY, Channel.WALK_IN,
                "WAITING", T, 4, new EstimatedWaitView(900, 600, 1200), ServiceState.OPEN, null, null);
    }

    private static <T> T ok(String json, Class<T> type) {
        Decoded<T> decoded = JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), type);
        Decoded.Ok<?> ok = assertInstanceOf(Decoded.Ok.class, decoded, () -> json + " → " + decoded);
        return type.cast(ok.message());
    }

    @SuppressWarnings("unchecked")
    private static <T> Decoded.Failed<T> failed(String json, Class<T> type) {
        Decoded<T> decoded = JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), type);
        return assertInstanceOf(Decoded.Failed.class, decoded, () -> json + " → " + decoded);
    }

    private static JsonNode tree(Object message) {
        return JsonCodec.tree(JsonCodec.encode(message));
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new java.util.ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}

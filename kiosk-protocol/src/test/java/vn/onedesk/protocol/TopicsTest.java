package vn.onedesk.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class TopicsTest {

    static Stream<Arguments> everyKind() {
        return Stream.of(
                Arguments.of("onedesk/v1/hcm-q1/kiosks/kiosk-01/tickets/request", new Topic.TicketRequest("hcm-q1", "kiosk-01")),
                Arguments.of("onedesk/v1/hcm-q1/kiosks/kiosk-01/tickets/response", new Topic.TicketResponse("hcm-q1", "kiosk-01")),
                Arguments.of("onedesk/v1/hcm-q1/counters/Q01/commands", new Topic.CounterCommands("hcm-q1", "Q01")),
                Arguments.of("onedesk/v1/hcm-q1/counters/Q01/replies", new Topic.CounterReplies("hcm-q1", "Q01")),
                Arguments.of("onedesk/v1/hcm-q1/counters/Q01/now", new Topic.CounterNow("hcm-q1", "Q01")),
                Arguments.of("onedesk/v1/hcm-q1/counters/Q01/queue", new Topic.CounterQueue("hcm-q1", "Q01")),
                Arguments.of("onedesk/v1/hcm-q1/counters/Q01/rating/prompt", new Topic.RatingPrompt("hcm-q1", "Q01")),
                Arguments.of("onedesk/v1/hcm-q1/counters/Q01/rating/submit", new Topic.RatingSubmit("hcm-q1", "Q01")),
                Arguments.of("onedesk/v1/hcm-q1/counters/Q01/rating/replies", new Topic.RatingReplies("hcm-q1", "Q01")),
                Arguments.of("onedesk/v1/hcm-q1/board", new Topic.Board("hcm-q1")),
                Arguments.of("onedesk/v1/hcm-q1/calls", new Topic.Calls("hcm-q1")),
                Arguments.of("onedesk/v1/hcm-q1/services/TP/wait", new Topic.ServiceWait("hcm-q1", "TP")),
                Arguments.of("onedesk/v1/hcm-q1/devices/counter-Q01/status", new Topic.DeviceStatus("hcm-q1", "counter-Q01")),
                Arguments.of("onedesk/v1/hcm-q1/devices/display-hall-1/errors", new Topic.DeviceErrors("hcm-q1", "display-hall-1")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyKind")
    void everyTopicKindParsesFromItsName(String name, Topic expected) {
        assertEquals(Optional.of(expected), Topics.parse(name));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("everyKind")
    void everyTopicKindRoundTripsThroughItsName(String name, Topic topic) {
        assertEquals(name, topic.name());
        assertEquals(Optional.of(topic), Topics.parse(topic.name()));
        assertEquals("hcm-q1", topic.centre());
    }

    @Test
    void theExamplesCoverEveryTopicKind() {
        Set<Class<?>> covered = new HashSet<>();
        everyKind().forEach(a -> covered.add(a.get()[1].getClass()));
        assertEquals(Set.of(Topic.class.getPermittedSubclasses()), covered);
    }

    @Test
    void idsMayUseEveryAllowedCharacterAndSixtyFourCharacters() {
        String longest = "a".repeat(64);
        for (String id : List.of("0", "Q01", "counter-Q01", "hall.display_2", "A-b.c_9", longest)) {
            Topic topic = new Topic.DeviceStatus(id, id);
            assertEquals(Optional.of(topic), Topics.parse(topic.name()), id);
        }
    }

    @Test
    void aSegmentNamedLikeAKeywordIsStillAnId() {
        assertEquals(Optional.of(new Topic.Calls("calls")), Topics.parse("onedesk/v1/calls/calls"));
        assertEquals(Optional.of(new Topic.CounterNow("counters", "now")), Topics.parse("onedesk/v1/counters/counters/now/now"));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "onedesk/v1/+/calls",
            "onedesk/v1/#",
            "onedesk/v1/hcm-q1/#",
            "onedesk/v1/hcm-q1/kiosks/+/tickets/request",
            "onedesk/v1/hcm-q1/counters/+/now",
            "onedesk/v1/hcm-q1/services/+/wait",
            "onedesk/v1/hcm-q1/devices/+/status",
            "onedesk/v1/hcm-q1/devices/+/errors",
            "onedesk/v1/hcm-q1/counters/Q01/+",
            "onedesk/v1/hcm-q1/+/Q01/now",
            "onedesk/+/hcm-q1/calls",
            "+/v1/hcm-q1/calls",
            "onedesk/v1/hcm-q1/calls/#"})
    void wildcardsAreNotTopicNames(String filter) {
        assertEquals(Optional.empty(), Topics.parse(filter));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "onedesk/v1/",
            "onedesk/v1//calls",
            "onedesk/v1/hcm-q1/calls/",
            "onedesk/v1/hcm-q1//calls",
            "onedesk/v1/hcm-q1/kiosks//tickets/request",
            "onedesk/v1/hcm-q1/counters//commands",
            "onedesk/v1/hcm-q1/services//wait",
            "onedesk/v1/hcm-q1/devices//status",
            "onedesk/v1/hcm-q1/kiosks/kiosk-01/tickets/request/"})
    void emptySegmentsAreRejected(String name) {
        assertEquals(Optional.empty(), Topics.parse(name));
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {
            "",
            "calls",
            "hcm-q1/calls",
            "/onedesk/v1/hcm-q1/calls",
            "onedesk/v2/hcm-q1/calls",
            "onedesk/v1.1/hcm-q1/calls",
            "OneDesk/v1/hcm-q1/calls",
            "onedesk/V1/hcm-q1/calls",
            "onedesk/hcm-q1/calls",
            "onedeskv1/hcm-q1/calls",
            "xonedesk/v1/hcm-q1/calls"})
    void aWrongOrMissingPrefixIsRejected(String name) {
        assertEquals(Optional.empty(), Topics.parse(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "onedesk/v1/hcm-q1/calls/extra",
            "onedesk/v1/hcm-q1/kiosks/kiosk-01/tickets/request/extra",
            "onedesk/v1/hcm-q1/kiosks/kiosk-01/tickets/response/extra",
            "onedesk/v1/hcm-q1/counters/Q01/commands/extra",
            "onedesk/v1/hcm-q1/counters/Q01/now/extra",
            "onedesk/v1/hcm-q1/services/TP/wait/extra",
            "onedesk/v1/hcm-q1/devices/d1/status/extra",
            "onedesk/v1/hcm-q1/devices/d1/errors/extra",
            "onedesk/v1/hcm-q1/x/calls"})
    void extraSegmentsAreRejected(String name) {
        assertEquals(Optional.empty(), Topics.parse(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "onedesk/v1/hcm-q1",
            "onedesk/v1/hcm-q1/kiosks",
            "onedesk/v1/hcm-q1/kiosks/kiosk-01",
            "onedesk/v1/hcm-q1/kiosks/kiosk-01/tickets",
            "onedesk/v1/hcm-q1/counters/Q01",
            "onedesk/v1/hcm-q1/services/TP",
            "onedesk/v1/hcm-q1/devices/d1"})
    void missingSegmentsAreRejected(String name) {
        assertEquals(Optional.empty(), Topics.parse(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "onedesk/v1/hcm-q1/call",
            "onedesk/v1/hcm-q1/Calls",
            "onedesk/v1/hcm-q1/kiosks/kiosk-01/tickets/cancel",
            "onedesk/v1/hcm-q1/kiosks/kiosk-01/ticket/request",
            "onedesk/v1/hcm-q1/kiosk/kiosk-01/tickets/request",
            "onedesk/v1/hcm-q1/counters/Q01/status",
            "onedesk/v1/hcm-q1/counters/Q01/wait",
            "onedesk/v1/hcm-q1/counter/Q01/commands",
            "onedesk/v1/hcm-q1/services/TP/now",
            "onedesk/v1/hcm-q1/devices/d1/heartbeat",
            "onedesk/v1/hcm-q1/devices/d1/error",
            "onedesk/v1/hcm-q1/kiosks/kiosk-01/errors",
            "onedesk/v1/hcm-q1/kiosks/kiosk-01/status/request"})
    void unknownKeywordsAreRejected(String name) {
        assertEquals(Optional.empty(), Topics.parse(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "onedesk/v1/hcm q1/calls",
            "onedesk/v1/-hcm/calls",
            "onedesk/v1/.hcm/calls",
            "onedesk/v1/_hcm/calls",
            "onedesk/v1/hcm:q1/calls",
            "onedesk/v1/quận-1/calls",
            "onedesk/v1/hcm-q1/counters/Q\u000001/now",
            "onedesk/v1/hcm-q1/devices/aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa/status"})
    void idsOutsideTheAllowedCharactersOrLongerThanSixtyFourAreRejected(String name) {
        assertEquals(Optional.empty(), Topics.parse(name));
    }

    @Test
    void isSegmentAcceptsExactlyTheIdsATopicCanCarry() {
        assertTrue(Topics.isSegment("Q01"));
        assertTrue(Topics.isSegment("a".repeat(64)));
        assertFalse(Topics.isSegment("a".repeat(65)));
        assertFalse(Topics.isSegment(null));
        assertFalse(Topics.isSegment(""));
        assertFalse(Topics.isSegment("a/b"));
        assertFalse(Topics.isSegment("+"));
        assertFalse(Topics.isSegment("#"));
        assertFalse(Topics.isSegment("a:b"));
    }

    /**
     * The hand-written check against the documented regular expressions, on seeded random names built from the
     * characters that matter (the allowed ones, each separator, non-ASCII letters, controls) and every length around
     * the limits: the segment rule, the identifier rule and whole topic names must agree exactly.
     */
    @Test
    void theHandWrittenCharacterRulesAgreeWithTheDocumentedPatternsOnRandomNames() {
        java.util.regex.Pattern segment = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        java.util.regex.Pattern identifier = java.util.regex.Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,63}");
        String alphabet = "aZ09._-:/ +#\u00e1\u1ea1\u0000\t";
        java.util.Random random = new java.util.Random(20261204L);
        for (int n = 0; n < 200_000; n++) {
            int length = random.nextInt(4) == 0 ? 60 + random.nextInt(8) : random.nextInt(12);
            StringBuilder b = new StringBuilder();
            for (int i = 0; i < length; i++) {
                b.append(random.nextInt(3) == 0 ? alphabet.charAt(random.nextInt(alphabet.length()))
                        : (char) ('a' + random.nextInt(26)));
            }
            String value = b.toString();
            assertEquals(segment.matcher(value).matches(), Topics.isSegment(value), value);
            boolean valid;
            try {
                Fields.identifier("id", value);
                valid = true;
            } catch (Fields.InvalidFieldException e) {
                valid = false;
            }
            assertEquals(!value.isBlank() && identifier.matcher(value).matches(), valid, value);
            String topic = "onedesk/v1/c1/" + (random.nextBoolean() ? "counters/" : "kiosks/") + value
                    + (random.nextBoolean() ? "/now" : "/tickets/request");
            boolean segmentsValid = java.util.Arrays.stream(topic.substring(Topics.PREFIX.length()).split("/", -1))
                    .allMatch(x -> segment.matcher(x).matches());
            if (!segmentsValid) {
                assertEquals(Optional.empty(), Topics.parse(topic), topic);
            } else if (value.indexOf('/') >= 0) {
                continue; // more segments: another kind of topic, or none
            } else if (topic.contains("/counters/") && topic.endsWith("/now")) {
                assertEquals(Optional.of(new Topic.CounterNow("c1", value)), Topics.parse(topic), topic);
            } else if (topic.contains("/kiosks/") && topic.endsWith("/tickets/request")) {
                assertEquals(Optional.of(new Topic.TicketRequest("c1", value)), Topics.parse(topic), topic);
            }
        }
    }
}

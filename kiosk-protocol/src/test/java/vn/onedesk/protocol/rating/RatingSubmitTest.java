package vn.onedesk.protocol.rating;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import vn.onedesk.protocol.Decoded;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.JsonCodec;

/** What a rating pad may send: a score of 1-5, reasons from the closed list and only with the two lowest scores. */
class RatingSubmitTest {

    private static Decoded<RatingSubmit> decode(String json) {
        return JsonCodec.decode(json.getBytes(StandardCharsets.UTF_8), RatingSubmit.class);
    }

    private static void refusedNaming(String json, String field) {
        Decoded.Failed<RatingSubmit> failed = assertInstanceOf(Decoded.Failed.class, decode(json));
        assertEquals(ErrorCode.MALFORMED, failed.error().code());
        assertTrue(failed.error().detail().contains("'" + field + "'"), failed.error().detail());
        assertEquals("r1", failed.requestId().orElseThrow(), "the pad can match the error to its rating");
    }

    @Test
    void aLowScoreMayCarryReasonsFromTheClosedList() {
        RatingSubmit submit = decode("{\"requestId\":\"r1\",\"ticket\":\"A023\",\"score\":1,"
                + "\"reasons\":[\"UNFRIENDLY\",\"OTHER\"]}").orThrow();
        assertEquals(List.of(RatingReason.UNFRIENDLY, RatingReason.OTHER), RatingSubmit.reasonsOf(submit));
    }

    @Test
    void aScoreOutsideOneToFiveOrMissingIsMalformed() {
        refusedNaming("{\"requestId\":\"r1\",\"ticket\":\"A023\",\"score\":6}", "score");
        refusedNaming("{\"requestId\":\"r1\",\"ticket\":\"A023\",\"score\":0}", "score");
        refusedNaming("{\"requestId\":\"r1\",\"ticket\":\"A023\"}", "score");
    }

    @Test
    void reasonsWithAScoreAboveTwoRepeatedOrUnknownAreMalformed() {
        refusedNaming("{\"requestId\":\"r1\",\"ticket\":\"A023\",\"score\":3,\"reasons\":[\"OTHER\"]}", "reasons");
        refusedNaming("{\"requestId\":\"r1\",\"ticket\":\"A023\",\"score\":2,\"reasons\":[\"OTHER\",\"OTHER\"]}",
                "reasons");
        Decoded.Failed<RatingSubmit> unknown = assertInstanceOf(Decoded.Failed.class,
                decode("{\"requestId\":\"r1\",\"ticket\":\"A023\",\"score\":2,\"reasons\":[\"RUDE\"]}"));
        assertEquals(ErrorCode.MALFORMED, unknown.error().code());
    }

    @Test
    void everyReasonHasAVietnameseAndAnEnglishLabel() {
        for (RatingReason reason : RatingReason.values()) {
            assertTrue(!reason.vietnamese().isBlank() && !reason.english().isBlank(), reason.name());
        }
    }
}

package vn.onedesk.gateway.persistence;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vn.onedesk.engine.estimation.LearntEstimates;
import vn.onedesk.engine.estimation.LearntEstimates.Arrivals;
import vn.onedesk.engine.estimation.LearntEstimates.ServiceTime;

/** The learnt estimates read back from their column exactly as written; a value that cannot be read means the priors. */
class LearntEstimatesJsonTest {
    @Test
    void learntEstimatesReadBackExactlyThroughJsonText() {
        LearntEstimates learnt = new LearntEstimates(
                Map.of("TP", new ServiceTime(Duration.ofMinutes(8), 912.3456789012345, 40211.123456789),
                        "XX", new ServiceTime(null, 480.0, 82944.0)),
                Map.of("TP", new Arrivals(14, List.of(Instant.ofEpochSecond(1741000000L),
                        Instant.ofEpochSecond(1741000097L)))),
                0.06859999999999999, Map.of("TP", Duration.ofSeconds(252, 123_456_789)));

        // as jsonb gives it back: parsed from the text written
        assertEquals(learnt, LearntEstimatesJson.read("c", new JsonObject(LearntEstimatesJson.write(learnt))));
    }

    @Test
    void noStoredValueOrOneThatCannotBeReadStartsFromThePriors() {
        assertNull(LearntEstimatesJson.read("c", null));
        assertNull(LearntEstimatesJson.read("c", new JsonObject().put("serviceTimes", "garbage")));
        assertNull(LearntEstimatesJson.read("c", new JsonObject().put("serviceTimes", new JsonObject()
                .put("TP", new JsonObject().put("mean", 1.0)))), "no variance");
    }
}

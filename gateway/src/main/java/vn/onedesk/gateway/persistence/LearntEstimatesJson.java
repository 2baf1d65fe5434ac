package vn.onedesk.gateway.persistence;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import vn.onedesk.engine.estimation.LearntEstimates;
import vn.onedesk.engine.estimation.LearntEstimates.Arrivals;
import vn.onedesk.engine.estimation.LearntEstimates.ServiceTime;

/**
 * {@link LearntEstimates} as the {@code centres.estimates} column keeps it. Means and variances are JSON numbers
 * (a double's shortest decimal form reads back as the same double), durations ISO-8601, arrival times epoch seconds
 * (what the arrival rates keep):
 * <pre>{"serviceTimes":{"TP":{"expected":"PT8M","mean":912.5,"variance":40211.2}},
 *  "arrivals":{"TP":{"seen":14,"recent":[1741000000, ...]}},"priorityShare":0.0686,"lastDelays":{"TP":"PT4M12S"}}</pre>
 */
public final class LearntEstimatesJson {
    private static final Logger LOG = Logger.getLogger(LearntEstimatesJson.class.getName());

    private LearntEstimatesJson() {
    }

    public static String write(LearntEstimates learnt) {
        JsonObject times = new JsonObject();
        learnt.serviceTimes().forEach((service, t) -> times.put(service, new JsonObject()
                .put("expected", t.expected() == null ? null : t.expected().toString())
                .put("mean", t.meanSeconds()).put("variance", t.variance())));
        JsonObject arrivals = new JsonObject();
        learnt.arrivals().forEach((service, a) -> {
            JsonArray recent = new JsonArray(new ArrayList<>(a.recent().size()));
            a.recent().forEach(at -> recent.add(at.getEpochSecond()));
            arrivals.put(service, new JsonObject().put("seen", a.seen()).put("recent", recent));
        });
        JsonObject delays = new JsonObject();
        learnt.lastDelays().forEach((service, d) -> delays.put(service, d.toString()));
        return new JsonObject().put("serviceTimes", times).put("arrivals", arrivals)
                .put("priorityShare", learnt.priorityShare()).put("lastDelays", delays).encode();
    }

    /**
     * The stored estimates; null (the configured priors) when there are none or they cannot be read: a hand-edited
     * or foreign value costs the estimates what they learnt, never the centre its start.
     */
    public static LearntEstimates read(String centre, JsonObject stored) {
        if (stored == null) {
            return null;
        }
        try {
            Map<String, ServiceTime> times = new HashMap<>();
            JsonObject t = stored.getJsonObject("serviceTimes", new JsonObject());
            for (String service : t.fieldNames()) {
                JsonObject s = t.getJsonObject(service);
                String expected = s.getString("expected");
                times.put(service, new ServiceTime(expected == null ? null : Duration.parse(expected),
                        s.getDouble("mean"), s.getDouble("variance")));
            }
            Map<String, Arrivals> arrivals = new HashMap<>();
            JsonObject a = stored.getJsonObject("arrivals", new JsonObject());
            for (String service : a.fieldNames()) {
                JsonObject s = a.getJsonObject(service);
                List<Instant> recent = new ArrayList<>();
                for (Object at : s.getJsonArray("recent")) {
                    recent.add(Instant.ofEpochSecond(((Number) at).longValue()));
                }
                arrivals.put(service, new Arrivals(s.getInteger("seen"), recent));
            }
            Map<String, Duration> delays = new HashMap<>();
            JsonObject d = stored.getJsonObject("lastDelays", new JsonObject());
            for (String service : d.fieldNames()) {
                delays.put(service, Duration.parse(d.getString(service)));
            }
            return new LearntEstimates(times, arrivals, stored.getDouble("priorityShare"), delays);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "centre " + centre + ": the stored estimates cannot be read ("
                    + e.getMessage() + "); starting them from the configured priors", e);
            return null;
        }
    }
}

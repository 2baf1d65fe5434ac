package vn.onedesk.loadtest.hall;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.pgclient.PgBuilder;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.LongAdder;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.devices.Device;
import vn.onedesk.gateway.devices.DeviceRole;
import vn.onedesk.loadtest.bench.Fleet;
import vn.onedesk.loadtest.mqtt.Endpoint;

/**
 * The hall around the kiosks of a crash run: in every centre one counter terminal calling and serving citizens
 * ({@link CounterTerminal}) and one hall display ({@link CallWatcher}), all through the load balancer. In the end
 * every call the centres made (their {@code last_call_seq} in PostgreSQL, from where it stood at the start) must be
 * on its centre's display, live or recovered from the board.
 */
public final class HallCheck {
    private final Vertx vertx;
    private final String pgUrl;
    private final List<CounterTerminal> terminals = new ArrayList<>();
    private final List<CallWatcher> displays = new ArrayList<>();
    private final Map<String, LongAdder> counterErrors = CounterTerminal.newErrors();
    private final LongAdder calls = new LongAdder();
    private final LongAdder reconnects = new LongAdder();
    private final LongAdder boardReads = new LongAdder();
    private final HttpClient http;
    private Map<String, Long> startSeq = Map.of();

    private HallCheck(Vertx vertx, String pgUrl) {
        this.vertx = vertx;
        this.pgUrl = pgUrl;
        this.http = vertx.createHttpClient(new HttpClientOptions().setConnectTimeout(2_000).setIdleTimeout(10));
    }

    /**
     * Connects a counter terminal (the centre's first) and a display of every centre; fails if a centre has none.
     *
     * @param serviceMs how long each called citizen is served before START and COMPLETE
     */
    public static Future<HallCheck> connect(Vertx vertx, List<Context> lanes, Fleet fleet, String runId,
                                            Endpoint endpoint, int httpPort, String pgUrl, long serviceMs) {
        HallCheck hall = new HallCheck(vertx, pgUrl);
        int i = 0;
        for (CentreDefinition centre : fleet.centres()) {
            List<Device> counters = fleet.devices(centre.id(), DeviceRole.COUNTER);
            List<Device> displays = fleet.devices(centre.id(), DeviceRole.DISPLAY);
            if (counters.isEmpty() || displays.isEmpty()) {
                return Future.failedFuture("centre " + centre.id() + " needs a COUNTER and a DISPLAY device");
            }
            Device counter = counters.get(0);
            hall.terminals.add(new CounterTerminal(vertx, lanes.get(i % lanes.size()), endpoint, i, runId,
                    centre.id(), counter.counter(), counter.id(), fleet.password(), serviceMs, hall.counterErrors,
                    hall.calls, hall.reconnects));
            i++;
            hall.displays.add(new CallWatcher(vertx, lanes.get(i % lanes.size()), endpoint, i, runId, centre.id(),
                    displays.get(0).id(), fleet.password(), hall.http, httpPort, hall.boardReads, hall.reconnects));
            i++;
        }
        return hall.lastCallSeqs().compose(seqs -> {
            hall.startSeq = seqs;
            List<Future<Void>> opened = new ArrayList<>();
            hall.displays.forEach(d -> opened.add(d.connection().start()));
            hall.terminals.forEach(t -> opened.add(t.connection().start()));
            return Future.all(opened);
        }).map(v -> {
            hall.terminals.forEach(CounterTerminal::begin);
            return hall;
        });
    }

    /** Counters stop calling; then, after {@code settle} for the last calls to arrive, each display reads its board. */
    public Future<JsonObject> finish(long settleMs) {
        terminals.forEach(CounterTerminal::stop);
        return vertx.timer(settleMs)
                .compose(t -> Future.join(displays.stream().map(CallWatcher::finish).toList()))
                .transform(ar -> lastCallSeqs())
                .compose(this::verdict);
    }

    private Future<JsonObject> verdict(Map<String, Long> endSeq) {
        List<Future<Set<Long>>> missing = new ArrayList<>();
        List<Future<long[]>> counts = new ArrayList<>();
        for (CallWatcher d : displays) {
            long from = startSeq.getOrDefault(d.centre(), 0L);
            missing.add(d.missing(from, endSeq.getOrDefault(d.centre(), from)));
            counts.add(d.counts());
        }
        return Future.all(missing).compose(v -> Future.all(counts)).map(v -> {
            long made = 0;
            long live = 0;
            long recovered = 0;
            Map<String, Object> missingByCentre = new TreeMap<>();
            for (int i = 0; i < displays.size(); i++) {
                String centre = displays.get(i).centre();
                made += endSeq.getOrDefault(centre, 0L) - startSeq.getOrDefault(centre, 0L);
                live += counts.get(i).result()[0];
                recovered += counts.get(i).result()[1];
                Set<Long> lacking = missing.get(i).result();
                if (!lacking.isEmpty()) {
                    missingByCentre.put(centre, new ArrayList<>(lacking));
                }
            }
            Map<String, Object> errors = new TreeMap<>();
            counterErrors.forEach((k, n) -> errors.put(k, n.sum()));
            return new JsonObject().put("callsMade", made).put("callsAnswered", calls.sum())
                    .put("callsLive", live).put("callsFromBoard", recovered)
                    .put("callsMissing", missingByCentre.values().stream().mapToInt(l -> ((List<?>) l).size()).sum())
                    .put("missingByCentre", new JsonObject(missingByCentre))
                    .put("counterErrors", new JsonObject(errors)).put("hallReconnects", reconnects.sum())
                    .put("boardReads", boardReads.sum());
        });
    }

    private Future<Map<String, Long>> lastCallSeqs() {
        Pool pool = PgBuilder.pool().connectingTo(PgConnectOptions.fromUri(pgUrl)).using(vertx).build();
        return pool.query("SELECT centre_id, last_call_seq FROM centres").execute().map(rows -> {
            Map<String, Long> seqs = new HashMap<>();
            for (Row r : rows) {
                seqs.put(r.getString(0), r.getLong(1));
            }
            return seqs;
        }).eventually(() -> pool.close());
    }

    public Future<Void> close() {
        List<Future<Void>> closed = new ArrayList<>();
        terminals.forEach(t -> closed.add(t.connection().close()));
        displays.forEach(d -> closed.add(d.connection().close()));
        return Future.join(closed).transform(ar -> http.close());
    }

    /** For the run's printout. */
    public static String summary(JsonObject hall) {
        return String.format("hall: %d calls made by the counters (%d answered to them); the displays had %d live and"
                        + " %d from the board, %d missing%s; %d hall device reconnections, %d board reads%s",
                hall.getLong("callsMade"), hall.getLong("callsAnswered"), hall.getLong("callsLive"),
                hall.getLong("callsFromBoard"), hall.getLong("callsMissing"),
                hall.getLong("callsMissing") == 0 ? "" : " " + hall.getJsonObject("missingByCentre").encode(),
                hall.getLong("hallReconnects"), hall.getLong("boardReads"),
                hall.getJsonObject("counterErrors").isEmpty() ? ""
                        : "; counter commands refused: " + hall.getJsonObject("counterErrors").encode());
    }
}

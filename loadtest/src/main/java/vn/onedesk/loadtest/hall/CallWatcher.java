package vn.onedesk.loadtest.hall;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.mqtt.messages.MqttPublishMessage;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;
import vn.onedesk.loadtest.mqtt.Endpoint;
import vn.onedesk.loadtest.mqtt.KeptConnection;
import vn.onedesk.protocol.Topic;

/**
 * A hall display through a kill, as the real one (hall.js) recovers: it shows each call it receives on
 * {@code calls}; when it (re)connects, or a call's seq jumps past the one it expected, it reads the board
 * ({@code GET /api/v1/centres/{c}/board}, through the load balancer: whichever node answers, the centre's writer
 * serves it) and takes the recent calls it lacks from there, asking again every 500 ms while the centre moves
 * (503). In the end {@link #missing} says which of the centre's calls it never had. Runs on its lane.
 */
public final class CallWatcher {
    private static final long BOARD_RETRY_MS = 500;

    private final Vertx vertx;
    private final String centre;
    private final HttpClient http;
    private final int httpPort;
    private final KeptConnection connection;
    private final Set<Long> live = new TreeSet<>();
    private final Set<Long> recovered = new TreeSet<>();
    private final LongAdder boardReads;
    private long expected = -1;
    private boolean reading;
    private boolean readAgain;

    public CallWatcher(Vertx vertx, Context lane, Endpoint endpoint, int index, String runId, String centre,
                       String device, String password, HttpClient http, int httpPort, LongAdder boardReads,
                       LongAdder reconnects) {
        this.vertx = vertx;
        this.centre = centre;
        this.http = http;
        this.httpPort = httpPort;
        this.boardReads = boardReads;
        this.connection = new KeptConnection(vertx, lane, endpoint, index, "lt-" + runId + "-" + device, device,
                password, this::received, Map.of(new Topic.Calls(centre).name(), 1), v -> readBoard(), reconnects);
    }

    public KeptConnection connection() {
        return connection;
    }

    public String centre() {
        return centre;
    }

    private void received(MqttPublishMessage message) {
        long seq = new JsonObject(message.payload()).getLong("seq", 0L);
        live.add(seq);
        if (expected >= 0 && seq > expected) {
            readBoard(); // calls were lost with a node, or while reconnecting
        }
        expected = Math.max(expected, seq + 1);
    }

    /** Reads the board now, or once more after the read in flight if one is. */
    private void readBoard() {
        if (reading) {
            readAgain = true;
            return;
        }
        reading = true;
        board(System.nanoTime() + 60_000_000_000L).onComplete(ar -> connection.lane().runOnContext(v -> {
            reading = false;
            if (readAgain) {
                readAgain = false;
                readBoard();
            }
        }));
    }

    /** The board's recent calls into what the display has; retried while the centre moves, until the deadline. */
    private Future<Void> board(long deadline) {
        boardReads.increment();
        Promise<Void> done = Promise.promise();
        http.request(HttpMethod.GET, httpPort, "127.0.0.1", "/api/v1/centres/" + centre + "/board")
                .compose(req -> req.send().compose(resp -> resp.body().map(body -> {
                    if (resp.statusCode() != 200) {
                        throw new IllegalStateException("HTTP " + resp.statusCode());
                    }
                    return new JsonObject(body);
                })))
                .onComplete(ar -> connection.lane().runOnContext(v -> {
                    if (ar.succeeded()) {
                        JsonArray calls = ar.result().getJsonArray("recentCalls", new JsonArray());
                        for (int i = 0; i < calls.size(); i++) {
                            long seq = calls.getJsonObject(i).getLong("seq");
                            if (!live.contains(seq)) {
                                recovered.add(seq);
                            }
                        }
                        expected = Math.max(expected, ar.result().getLong("lastSeq", 0L) + 1);
                        done.complete();
                    } else if (System.nanoTime() < deadline) {
                        vertx.setTimer(BOARD_RETRY_MS, t -> connection.lane().runOnContext(
                                x -> board(deadline).onComplete(done)));
                    } else {
                        done.fail(ar.cause());
                    }
                }));
        return done.future();
    }

    /** One last board read, for calls made after the last one that came (nothing followed to show a gap). */
    public Future<Void> finish() {
        Promise<Void> done = Promise.promise();
        connection.lane().runOnContext(v -> board(System.nanoTime() + 30_000_000_000L).onComplete(done));
        return done.future();
    }

    /** What the display has, once the run is over: {@code [live, recovered from the board]}. */
    public Future<long[]> counts() {
        Promise<long[]> p = Promise.promise();
        connection.lane().runOnContext(v -> p.complete(new long[] {live.size(), recovered.size()}));
        return p.future();
    }

    /** The calls in {@code (from, to]} the display never had, live or from the board. */
    public Future<Set<Long>> missing(long from, long to) {
        Promise<Set<Long>> p = Promise.promise();
        connection.lane().runOnContext(v -> {
            Set<Long> missing = new TreeSet<>();
            for (long seq = from + 1; seq <= to; seq++) {
                if (!live.contains(seq) && !recovered.contains(seq)) {
                    missing.add(seq);
                }
            }
            p.complete(missing);
        });
        return p.future();
    }
}

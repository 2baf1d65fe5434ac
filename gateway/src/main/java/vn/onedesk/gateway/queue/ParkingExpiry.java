package vn.onedesk.gateway.queue;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Rejection;
import vn.onedesk.protocol.ProtocolError;

/**
 * The clock of one centre's parked tickets: when the engine says the longest parked ticket is due to expire
 * ({@code CentreQueue#nextParkingExpiry}), it submits the engine's EXPIRE_PARKED through the centre's single writer,
 * as a request of the system device {@value #DEVICE}, so the expiry is decided, committed and published like any
 * command. The runtime tells it the next due time after every commit and every load, on the runtime's context,
 * where its timers run too.
 *
 * <p>Timers run on the monotonic clock while due times are wall-clock instants; like the displays' session watch,
 * it looks at the wall clock at least every {@link #CLOCK_CHECK}, so a clock set forward (NTP, a test) is noticed
 * within that, not at the old deadline.
 */
final class ParkingExpiry {
    /** The device under which the expiry requests are remembered. */
    static final String DEVICE = "system:parking";
    static final Duration CLOCK_CHECK = Duration.ofSeconds(1);

    private final Vertx vertx;
    private final Clock clock;
    private final Function<QueueRequest, Future<byte[]>> writer;
    private long timer = -1;
    private Instant due;
    private long requests;

    ParkingExpiry(Vertx vertx, Clock clock, Function<QueueRequest, Future<byte[]>> writer) {
        this.vertx = vertx;
        this.clock = clock;
        this.writer = writer;
    }

    /** The next expiry as the queue now says (empty: nothing parked); replaces whatever was scheduled. */
    void schedule(Optional<Instant> next) {
        cancel();
        due = next.orElse(null);
        if (due != null) {
            arm(Duration.between(clock.instant(), due).toMillis() + 1);
        }
    }

    void cancel() {
        if (timer >= 0) {
            vertx.cancelTimer(timer);
            timer = -1;
        }
    }

    private void arm(long delayMs) {
        timer = vertx.setTimer(Math.max(1, Math.min(CLOCK_CHECK.toMillis(), delayMs)), id -> {
            timer = -1;
            if (due == null) {
                return;
            }
            if (clock.instant().isBefore(due)) {
                arm(Duration.between(clock.instant(), due).toMillis() + 1);
                return;
            }
            expire(due);
        });
    }

    private void expire(Instant expected) {
        String requestId = "expire-" + expected.toEpochMilli() + "-" + (++requests);
        writer.apply(new QueueRequest(DEVICE, requestId, "EXPIRE_PARKED", new Command.ExpireParked(), RENDERER))
                .onComplete(ar -> {
                    // A commit reschedules before its reply arrives; should this one have been refused (the queue
                    // reloading, the database away), the expiry is still due: try again a moment later.
                    if (timer < 0 && expected.equals(due)) {
                        arm(CLOCK_CHECK.toMillis());
                    }
                });
    }

    /** The reply of a system request is read by nobody but the request log: a short record of the outcome. */
    private static final ReplyRenderer RENDERER = new ReplyRenderer() {
        @Override
        public byte[] accepted(Outcome outcome) {
            return ("{\"expired\":" + outcome.events().size() + "}").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] rejected(Rejection rejection, String detail) {
            return ("{\"error\":\"" + rejection + "\"}").getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] failed(ProtocolError error) {
            return ("{\"error\":\"" + error.code() + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    };
}

package vn.onedesk.gateway.http;

import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import vn.onedesk.protocol.ErrorCode;

/**
 * An HTTP answer that waits on a database that does not answer becomes 503 {@code UNAVAILABLE} once the database
 * timeout has passed, instead of hanging until the client gives up. It bounds every route that reads the database
 * (the API); pages, assets, metrics and health never wait on it (readiness bounds its own query by the same
 * timeout, see {@link HealthCheck}). Streams (SSE) are only bounded until
 * their headers go out. Some answers wait on more than the database and may honestly take longer: reports read
 * months of events, and logins and the administration may queue for a password check behind guessers (the
 * password-check pool is bounded). They get {@value #LONG_FACTOR} times the bound: still bounded, never silence.
 *
 * <p>The handler whose query is still waiting carries on; when the database answers, its late answer finds the
 * response already sent and is dropped ({@link HttpErrors#send} and the handlers' own writers check this).
 */
public final class DatabaseDeadline implements Handler<RoutingContext> {
    static final int LONG_FACTOR = 10;
    private final Vertx vertx;
    private final Duration timeout;

    public DatabaseDeadline(Vertx vertx, Duration timeout) {
        this.vertx = vertx;
        this.timeout = timeout;
    }

    /** How long the answer to {@code path} may take; zero for paths that never wait on the database. */
    Duration bound(String path) {
        // readiness bounds its own query by the same timeout and answers 503 with the checks' detail
        if (!path.startsWith("/api/")) {
            return Duration.ZERO;
        }
        return waitsOnMore(path) ? timeout.multipliedBy(LONG_FACTOR) : timeout;
    }

    private static boolean waitsOnMore(String path) {
        return path.contains("/reports") || path.startsWith("/api/v1/auth/") || path.startsWith("/api/v1/admin/");
    }

    @Override
    public void handle(RoutingContext ctx) {
        Duration bound = bound(ctx.request().path());
        if (bound.isZero()) {
            ctx.next();
            return;
        }
        long timer = vertx.setTimer(bound.toMillis(), t -> {
            if (!ctx.response().headWritten() && !ctx.response().closed()) {
                HttpErrors.send(ctx, 503, ErrorCode.UNAVAILABLE, bound.equals(timeout)
                        ? "the database did not answer within " + bound.toMillis() + " ms; try again"
                        : "no answer within " + bound.toMillis() + " ms (the database or a password check is too"
                                + " slow); try again");
            }
        });
        ctx.addEndHandler(v -> vertx.cancelTimer(timer));
        ctx.next();
    }
}

package vn.onedesk.gateway.persistence;

import io.vertx.core.Future;
import io.vertx.pgclient.PgConnectOptions;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.SqlConnection;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/** How the gateway's connections to PostgreSQL are set up, in one place for the gateway and for tests of the store. */
public final class ConnectionTuning {
    /**
     * Longest SQL kept prepared per connection. The client's default (2,048 characters) is shorter than
     * {@link CommitStatement#SQL}, which would then be parsed and planned again on every commit, with one more round
     * trip to prepare it.
     */
    public static final int PREPARED_SQL_LIMIT = 16_384;

    private static final Logger LOG = Logger.getLogger(ConnectionTuning.class.getName());

    private ConnectionTuning() {
    }

    /**
     * The pool's connect handler: prepares the commit statements of the batches a hall sends all day (a kiosk's
     * tickets, a counter's command with or without dossiers, replies alone) on each new connection before it joins
     * the pool. Preparing is a round trip of its own and the first plan of a statement PostgreSQL makes: measured at
     * 1,000 tickets/s from a cold start, the first batches of every centre waited on it together and missed the
     * commit timeout. Best effort: a statement that fails to prepare here is prepared on first use as before.
     */
    public static void prepareCommits(SqlConnection connection) {
        List<Future<?>> prepared = new ArrayList<>();
        for (int shape : CommitStatement.everyDay()) {
            prepared.add(connection.preparedQuery(CommitStatement.sql(shape)).execute(CommitStatement.nothing(shape)));
        }
        Future.join(prepared).onComplete(done -> {
            if (done.failed()) {
                LOG.log(Level.FINE, "preparing the commit statements on a new connection failed; each is prepared"
                        + " on first use instead", done.cause());
            }
            connection.close();
        });
    }

    /**
     * Opens every connection of the pool now, before the centres start, by holding {@code size} of them at once: each
     * new one is prepared by {@link #prepareCommits} before it joins the pool. Otherwise the pool opens them one by one
     * as the first commits come, and those commits wait for it: measured at 1,000 tickets/s from a cold start, one
     * centre's first commit out of ten waited more than the 2 s commit timeout for a connection, and that centre's
     * kiosks got about 300 UNAVAILABLE answers while it reloaded. Best effort: a database slow to open them delays
     * nothing beyond its timeout, and the pool opens what is missing on demand as before.
     */
    public static Future<Void> openAll(Pool pool, int size) {
        List<Future<SqlConnection>> held = new ArrayList<>();
        for (int i = 0; i < size; i++) {
            held.add(pool.getConnection());
        }
        return Future.join(held).transform(all -> {
            held.stream().filter(Future::succeeded).forEach(f -> f.result().close());
            if (all.failed()) {
                LOG.log(Level.INFO, "opening the database pool's connections ahead of the first commits failed;"
                        + " they are opened on demand: " + all.cause().getMessage());
            }
            return Future.<Void>succeededFuture();
        });
    }

    /**
     * Reconnects a few times; pipelines up to 256 commands per connection; keeps every statement prepared once per
     * connection (Bind/Execute only afterwards).
     */
    public static PgConnectOptions apply(PgConnectOptions options) {
        return options.setReconnectAttempts(3).setReconnectInterval(500)
                .setPipeliningLimit(256).setCachePreparedStatements(true)
                .setPreparedStatementCacheSqlLimit(PREPARED_SQL_LIMIT);
    }
}

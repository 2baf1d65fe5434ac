package vn.onedesk.gateway.persistence;

import io.vertx.pgclient.PgConnectOptions;

/** How the gateway's connections to PostgreSQL are set up, in one place for the gateway and for tests of the store. */
public final class ConnectionTuning {
    /**
     * Longest SQL kept prepared per connection. The client's default (2,048 characters) is shorter than
     * {@link CommitStatement#SQL}, which would then be parsed and planned again on every commit, with one more round
     * trip to prepare it.
     */
    public static final int PREPARED_SQL_LIMIT = 16_384;

    private ConnectionTuning() {
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

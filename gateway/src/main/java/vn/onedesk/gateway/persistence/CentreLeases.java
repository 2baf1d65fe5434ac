package vn.onedesk.gateway.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Which node writes each centre, when several gateway nodes share one PostgreSQL (issue 16). A lease row per centre
 * names its owner until it expires, by the database's clock; taking a centre raises its writer epoch in the same
 * transaction, which fences off every commit of the previous owner (see {@link CommitStatement}).
 */
public final class CentreLeases {
    private final Pool pool;

    public CentreLeases(Pool pool) {
        this.pool = pool;
    }

    /**
     * Takes the centre for {@code node} if nobody holds it: its lease is free (released, or never taken) or expired.
     * Only expiry, never "its owner left the cluster as this node sees it": a node cut off from the others sees them
     * all leave, and would take every centre from live owners. The owners renew far more often than the lease lasts,
     * so a dead owner's centres are free after one lease.
     *
     * @return the writer epoch this node holds the centre at, or empty if another node holds it
     */
    public Future<OptionalLong> acquire(String centre, String node, Duration lease) {
        return pool.withTransaction(conn -> conn
                .preparedQuery("INSERT INTO centres (centre_id) VALUES ($1) ON CONFLICT DO NOTHING")
                .execute(Tuple.of(centre))
                .compose(v -> conn.preparedQuery("INSERT INTO centre_leases (centre_id) VALUES ($1) ON CONFLICT DO NOTHING")
                        .execute(Tuple.of(centre)))
                .compose(v -> conn.preparedQuery("UPDATE centre_leases l SET owner = $2,"
                                + " epoch = GREATEST(l.epoch, (SELECT writer_epoch FROM centres c"
                                + " WHERE c.centre_id = $1)) + 1,"
                                + " expires_at = now() + make_interval(secs => $3)"
                                + " WHERE centre_id = $1 AND (owner IS NULL OR expires_at <= now()) RETURNING epoch")
                        .execute(Tuple.of(centre, node, seconds(lease))))
                .compose(rows -> {
                    if (rows.rowCount() == 0) {
                        return Future.succeededFuture(OptionalLong.empty());
                    }
                    long epoch = rows.iterator().next().getLong(0);
                    return conn.preparedQuery("UPDATE centres SET writer_epoch = $2 WHERE centre_id = $1")
                            .execute(Tuple.of(centre, epoch)).map(done -> OptionalLong.of(epoch));
                }));
    }

    /**
     * Extends the leases this node still holds, at the epochs it holds them.
     *
     * @param held the centres this node runs, with the epoch it took each at
     * @return those whose lease was extended; any other was taken over and must stop at once
     */
    public Future<Map<String, Long>> renew(String node, Map<String, Long> held, Duration lease) {
        if (held.isEmpty()) {
            return Future.succeededFuture(Map.of());
        }
        String[] centres = held.keySet().toArray(String[]::new);
        Long[] epochs = held.values().toArray(Long[]::new);
        return pool.preparedQuery("UPDATE centre_leases l SET expires_at = now() + make_interval(secs => $2)"
                        + " FROM unnest($3::text[], $4::bigint[]) AS h(centre_id, epoch)"
                        + " WHERE l.centre_id = h.centre_id AND l.epoch = h.epoch AND l.owner = $1"
                        + " RETURNING l.centre_id, l.epoch")
                .execute(Tuple.of(node, seconds(lease), centres, epochs))
                .map(rows -> {
                    Map<String, Long> kept = new HashMap<>();
                    for (Row r : rows) {
                        kept.put(r.getString(0), r.getLong(1));
                    }
                    return kept;
                });
    }

    /** Lets the centre go, so that the node it now belongs to takes it at once instead of after the lease. */
    public Future<Void> release(String centre, String node, long epoch) {
        return pool.preparedQuery("UPDATE centre_leases SET owner = NULL, expires_at = '-infinity'"
                        + " WHERE centre_id = $1 AND owner = $2 AND epoch = $3")
                .execute(Tuple.of(centre, node, epoch)).mapEmpty();
    }

    /** Who holds each centre's lease now (unexpired), by centre. */
    public Future<Map<String, String>> owners() {
        return pool.query("SELECT centre_id, owner FROM centre_leases WHERE owner IS NOT NULL AND expires_at > now()")
                .execute().map(rows -> {
                    Map<String, String> owners = new HashMap<>();
                    rows.forEach(r -> owners.put(r.getString(0), r.getString(1)));
                    return owners;
                });
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}

package vn.onedesk.gateway.persistence;

import io.vertx.core.Future;
import io.vertx.sqlclient.SqlClient;
import io.vertx.sqlclient.Tuple;
import java.time.ZoneOffset;
import java.util.List;

/** Writes audit entries, inside whatever transaction makes the change they record. */
public final class AuditLogRows {
    private AuditLogRows() {
    }

    public static Future<Void> insert(SqlClient db, List<AuditRecord> audits) {
        if (audits.isEmpty()) {
            return Future.succeededFuture();
        }
        List<Tuple> rows = audits.stream().map(a -> Tuple.from(new Object[] {a.at().atOffset(ZoneOffset.UTC),
                a.username(), a.action(), a.resource(), a.centre(), a.before(), a.after()})).toList();
        return db.preparedQuery("INSERT INTO admin_audit (at, username, action, resource, centre_id, before, after)"
                        + " VALUES ($1, $2, $3, $4, $5, $6, $7)")
                .executeBatch(rows).mapEmpty();
    }
}

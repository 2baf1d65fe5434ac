package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Tuple;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.UnaryOperator;
import vn.onedesk.engine.Command;
import vn.onedesk.engine.Rejection;
import vn.onedesk.engine.centre.CentreDefinition;
import vn.onedesk.gateway.config.CentreJson;
import vn.onedesk.gateway.persistence.AuditLogRows;
import vn.onedesk.gateway.persistence.AuditRecord;
import vn.onedesk.gateway.queue.CentreRuntime;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.queue.Outcome;
import vn.onedesk.gateway.queue.QueueRequest;
import vn.onedesk.gateway.queue.Rejections;
import vn.onedesk.gateway.queue.ReplyRenderer;
import vn.onedesk.protocol.ErrorCode;
import vn.onedesk.protocol.ProtocolError;

/**
 * Changes to centres: creating and removing them, and every change of a running centre's definition, which goes to
 * the centre's single writer as a Reconfigure command with its audit entry and is answered once committed. Changes
 * to one centre are made one at a time (each is prepared from the definition the previous one left), so two
 * administrators editing the same centre never overwrite each other's change.
 */
final class CentreAdmin {
    private final Pool pool;
    private final Centres centres;
    private final CentreLauncher launcher;
    private final Clock clock;
    private final Map<String, Future<?>> lastChange = new ConcurrentHashMap<>();

    CentreAdmin(Pool pool, Centres centres, CentreLauncher launcher, Clock clock) {
        this.pool = pool;
        this.centres = centres;
        this.launcher = launcher;
        this.clock = clock;
    }

    CentreRuntime runtime(String centre) {
        return centres.find(centre).orElseThrow(() -> AdminFailure.unknownCentre(centre));
    }

    /**
     * Changes the centre's definition by {@code edit} (on its JSON form) and commits it through the centre's writer.
     * {@code view} picks, from a definition, the resource the audit entry shows before and after (null when absent).
     */
    Future<CentreDefinition> change(String username, String centreId, String action, String resource,
                                    UnaryOperator<JsonObject> edit, Function<CentreDefinition, JsonObject> view) {
        CentreRuntime runtime = runtime(centreId);
        return serially(centreId, () -> {
            CentreDefinition before = runtime.definition();
            CentreDefinition after = CentreChanges.apply(before, edit);
            if (after.equals(before)) {
                return Future.succeededFuture(after);
            }
            AuditRecord audit = new AuditRecord(username, action, resource, centreId, view.apply(before),
                    view.apply(after), clock.instant());
            return submit(runtime, after, audit).map(after);
        });
    }

    private Future<Void> submit(CentreRuntime runtime, CentreDefinition next, AuditRecord audit) {
        byte[] definition = CentreJson.write(next).encode().getBytes(StandardCharsets.UTF_8);
        String fingerprint = UUID.nameUUIDFromBytes(definition).toString();
        QueueRequest request = new QueueRequest("admin:" + audit.username(), UUID.randomUUID().toString(), fingerprint,
                new Command.Reconfigure(next), RENDERER, null, audit);
        return runtime.submit(request).compose(reply -> {
            JsonObject answer = new JsonObject(new String(reply, StandardCharsets.UTF_8));
            if (answer.getBoolean("ok", false)) {
                return Future.succeededFuture();
            }
            ErrorCode code = ErrorCode.valueOf(answer.getString("code"));
            int status = code == ErrorCode.UNAVAILABLE ? 503 : 409;
            return Future.failedFuture(new AdminFailure(status, code, null, answer.getString("detail")));
        });
    }

    /** The writer's answer to a change, parsed back above: there is no device to render it for. */
    private static final ReplyRenderer RENDERER = new ReplyRenderer() {
        @Override
        public byte[] accepted(Outcome outcome) {
            return "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public byte[] rejected(Rejection rejection, String detail) {
            return failed(Rejections.error(rejection, detail));
        }

        @Override
        public byte[] failed(ProtocolError error) {
            return new JsonObject().put("ok", false).put("code", error.code().name()).put("detail", error.detail())
                    .encode().getBytes(StandardCharsets.UTF_8);
        }
    };

    private <T> Future<T> serially(String centreId, java.util.function.Supplier<Future<T>> step) {
        synchronized (lastChange) {
            Future<?> previous = lastChange.getOrDefault(centreId, Future.succeededFuture());
            Future<T> next = previous.transform(ignored -> {
                try {
                    return step.get();
                } catch (AdminFailure e) {
                    return Future.failedFuture(e);
                }
            });
            lastChange.put(centreId, next);
            return next;
        }
    }

    // ---------------------------------------------------------------- creating and removing centres

    Future<CentreDefinition> create(String username, JsonObject body) {
        JsonObject json = body.copy();
        json.put("services", new JsonArray()).put("counters", new JsonArray());
        if (!json.containsKey("sessions")) {
            json.put("sessions", new JsonArray());
        }
        CentreDefinition centre = CentreChanges.read(json);
        AuditRecord audit = new AuditRecord(username, "create", AdminApi.CENTRES + "/" + centre.id(), centre.id(), null,
                settings(centre), clock.instant());
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO centres (centre_id, definition)"
                                + " VALUES ($1, $2) ON CONFLICT (centre_id) DO NOTHING")
                        .execute(Tuple.of(centre.id(), CentreJson.write(centre)))
                        .compose(rows -> rows.rowCount() == 1
                                ? AuditLogRows.insert(conn, java.util.List.of(audit))
                                : Future.failedFuture(AdminFailure.exists("id", "centre id " + centre.id()
                                        + " is taken (by a running centre or a removed one, whose history it keeps)"))))
                .compose(v -> launcher.launch(centre))
                .map(centre);
    }

    /** Removes a centre whose hall is empty; its history stays in the database for reports. */
    Future<Void> remove(String username, String centreId) {
        CentreRuntime runtime = runtime(centreId);
        return serially(centreId, () -> runtime.read(queue -> queue.activeTickets().size()
                        + queue.counters().stream().filter(c -> c.open()).count())
                .compose(busy -> {
                    if (busy > 0) {
                        return Future.failedFuture(new AdminFailure(409, ErrorCode.CENTRE_IN_USE, null, "centre "
                                + centreId + " has tickets waiting or counters open; close them before removing it"));
                    }
                    AuditRecord audit = new AuditRecord(username, "delete", AdminApi.CENTRES + "/" + centreId,
                            centreId, settings(runtime.definition()), null, clock.instant());
                    return pool.withTransaction(conn -> conn.preparedQuery(
                                    "UPDATE centres SET removed_at = $2 WHERE centre_id = $1 AND removed_at IS NULL")
                            .execute(Tuple.of(centreId, audit.at().atOffset(java.time.ZoneOffset.UTC)))
                            .compose(v -> conn.preparedQuery("DELETE FROM devices WHERE centre_id = $1")
                                    .execute(Tuple.of(centreId)))
                            .compose(v -> AuditLogRows.insert(conn, java.util.List.of(audit))));
                })
                .compose(v -> launcher.retire(centreId)));
    }

    /** A centre's own settings (without its services and counters), as the audit shows them. */
    static JsonObject settings(CentreDefinition centre) {
        JsonObject json = CentreJson.write(centre);
        json.remove("services");
        json.remove("counters");
        return json;
    }
}

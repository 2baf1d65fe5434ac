package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.net.URI;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.onedesk.gateway.persistence.AuditLogRows;
import vn.onedesk.gateway.persistence.AuditRecord;
import vn.onedesk.gateway.webhooks.SubscriberPresence;
import vn.onedesk.gateway.webhooks.WebhookEventType;

/**
 * Webhook subscriptions (ADMIN only): create, list, read with its delivery counts, delete, and the dead letters with
 * their replay. Each change is one transaction with its audit entry; the secret is written once and never shown
 * again (the audit records that one was set, not what it is).
 */
final class WebhookAdmin {
    static final String WEBHOOKS = "/api/v1/admin/webhooks";
    /** A secret shorter than this is too easy to guess for an HMAC key. */
    static final int MIN_SECRET = 16;
    private static final int MAX_DEAD_LETTERS = 500;

    private final Pool pool;
    private final SubscriberPresence subscribers;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    WebhookAdmin(Pool pool, SubscriberPresence subscribers, Clock clock) {
        this.pool = pool;
        this.subscribers = subscribers;
        this.clock = clock;
    }

    Future<JsonObject> create(String by, JsonObject body) {
        String url = body.getString("url");
        checkUrl(url);
        String secret = body.getString("secret");
        if (secret == null || secret.length() < MIN_SECRET) {
            throw AdminFailure.invalid("secret", "the secret must have at least " + MIN_SECRET + " characters");
        }
        List<String> events = events(body.getJsonArray("events"));
        String centre = body.getString("centre");
        String id = "wh-" + HexFormat.of().formatHex(bytes(8));
        var now = clock.instant();
        JsonObject view = new JsonObject().put("id", id).put("url", url).put("events", new JsonArray(events))
                .put("centre", centre).put("active", true).put("createdAt", now.toString()).put("createdBy", by);
        AuditRecord audit = new AuditRecord(by, "create", WEBHOOKS + "/" + id, centre, null,
                view.copy().put("secret", "(set)"), now);
        return pool.withTransaction(conn -> conn.preparedQuery("INSERT INTO webhook_subscriptions (subscription_id,"
                                + " url, secret, events, centre_id, active, created_at, created_by)"
                                + " VALUES ($1, $2, $3, $4, $5, true, $6, $7)")
                        .execute(Tuple.of(id, url, secret, events.toArray(String[]::new), centre,
                                now.atOffset(ZoneOffset.UTC), by))
                        .compose(v -> AuditLogRows.insert(conn, List.of(audit))))
                .map(v -> {
                    subscribers.subscribed(); // this node's writers announce from the next batch on
                    return view;
                });
    }

    Future<JsonArray> list() {
        return pool.query(SELECT + " GROUP BY s.subscription_id ORDER BY s.created_at, s.subscription_id").execute()
                .map(rows -> {
                    JsonArray all = new JsonArray();
                    rows.forEach(r -> all.add(view(r)));
                    return all;
                });
    }

    Future<JsonObject> get(String id) {
        return pool.preparedQuery(SELECT + " WHERE s.subscription_id = $1 GROUP BY s.subscription_id")
                .execute(Tuple.of(id)).map(rows -> {
                    if (rows.size() == 0) {
                        throw AdminFailure.notFound("there is no webhook subscription '" + id + "'");
                    }
                    return view(rows.iterator().next());
                });
    }

    Future<Void> delete(String by, String id) {
        return get(id).compose(before -> pool.withTransaction(conn -> conn
                .preparedQuery("DELETE FROM webhook_subscriptions WHERE subscription_id = $1").execute(Tuple.of(id))
                .compose(v -> AuditLogRows.insert(conn, List.of(new AuditRecord(by, "delete", WEBHOOKS + "/" + id,
                        before.getString("centre"), before, null, clock.instant()))))));
    }

    /** The dead letters of a subscription, oldest first, with what the receiver last answered. */
    Future<JsonObject> deadLetters(String id) {
        return get(id).compose(sub -> pool.preparedQuery("SELECT o.event_id, o.type, o.occurred_at, d.attempts,"
                        + " d.last_status, d.last_error, d.next_attempt_at FROM webhook_deliveries d"
                        + " JOIN webhook_outbox o USING (outbox_id) WHERE d.subscription_id = $1 AND d.status = 'DEAD'"
                        + " ORDER BY d.outbox_id LIMIT " + MAX_DEAD_LETTERS)
                .execute(Tuple.of(id)).map(rows -> {
                    JsonArray letters = new JsonArray();
                    for (Row r : rows) {
                        letters.add(new JsonObject().put("eventId", r.getString(0)).put("type", r.getString(1))
                                .put("occurredAt", r.getOffsetDateTime(2).toInstant().toString())
                                .put("attempts", r.getInteger(3)).put("lastStatus", r.getInteger(4))
                                .put("lastError", r.getString(5))
                                .put("lastAttemptAt", r.getOffsetDateTime(6).toInstant().toString()));
                    }
                    return new JsonObject().put("deadLetters", letters);
                }));
    }

    /**
     * Puts dead letters back in line with fresh attempts: all of the subscription's, or those of the given event ids.
     * They go out again in their original order.
     */
    Future<JsonObject> replay(String by, String id, JsonObject body) {
        JsonArray ids = body == null ? null : body.getJsonArray("eventIds");
        String[] only = ids == null ? null : ids.stream().map(String::valueOf).toArray(String[]::new);
        return get(id).compose(sub -> pool.withTransaction(conn -> conn.preparedQuery("UPDATE webhook_deliveries d"
                                + " SET status = 'PENDING', attempts = 0, next_attempt_at = now()"
                                + " FROM webhook_outbox o WHERE o.outbox_id = d.outbox_id AND d.subscription_id = $1"
                                + " AND d.status = 'DEAD' AND ($2::text[] IS NULL OR o.event_id = ANY ($2))")
                        .execute(Tuple.tuple().addString(id).addArrayOfString(only))
                        .compose(rows -> AuditLogRows.insert(conn, List.of(new AuditRecord(by, "replay",
                                WEBHOOKS + "/" + id + "/dead-letters", sub.getString("centre"), null,
                                new JsonObject().put("replayed", rows.rowCount()), clock.instant())))
                                .map(v -> new JsonObject().put("replayed", rows.rowCount())))));
    }

    private static final String SELECT = "SELECT s.subscription_id, s.url, s.events, s.centre_id, s.active,"
            + " s.created_at, s.created_by,"
            + " count(d.outbox_id) FILTER (WHERE d.status = 'PENDING'),"
            + " count(d.outbox_id) FILTER (WHERE d.status = 'DELIVERED'),"
            + " count(d.outbox_id) FILTER (WHERE d.status = 'DEAD')"
            + " FROM webhook_subscriptions s LEFT JOIN webhook_deliveries d USING (subscription_id)";

    private static JsonObject view(Row r) {
        return new JsonObject().put("id", r.getString(0)).put("url", r.getString(1))
                .put("events", new JsonArray(List.of(r.getArrayOfStrings(2)))).put("centre", r.getString(3))
                .put("active", r.getBoolean(4)).put("createdAt", r.getOffsetDateTime(5).toInstant().toString())
                .put("createdBy", r.getString(6))
                .put("deliveries", new JsonObject().put("pending", r.getLong(7)).put("delivered", r.getLong(8))
                        .put("dead", r.getLong(9)));
    }

    private static void checkUrl(String url) {
        URI uri;
        try {
            uri = URI.create(url);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw AdminFailure.invalid("url", "not a URL: " + url);
        }
        if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null
                || uri.getUserInfo() != null || uri.getFragment() != null) {
            throw AdminFailure.invalid("url", "the URL must be http:// or https:// with a host, without credentials"
                    + " or fragment: " + url);
        }
    }

    private static List<String> events(JsonArray given) {
        if (given == null || given.isEmpty()) {
            throw AdminFailure.invalid("events", "name at least one event type");
        }
        Set<String> events = new LinkedHashSet<>();
        for (Object e : given) {
            String name = String.valueOf(e);
            if (WebhookEventType.fromWire(name).isEmpty()) {
                List<String> known = new ArrayList<>();
                for (WebhookEventType t : WebhookEventType.values()) {
                    known.add(t.wireName());
                }
                throw AdminFailure.invalid("events", "'" + name + "' is not one of " + known);
            }
            events.add(name);
        }
        return List.copyOf(events);
    }

    private byte[] bytes(int n) {
        byte[] b = new byte[n];
        random.nextBytes(b);
        return b;
    }
}

package vn.onedesk.gateway.admin;

import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.sqlclient.Pool;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.persistence.AuditLogRows;
import vn.onedesk.gateway.persistence.AuditRecord;
import vn.onedesk.gateway.queue.Centres;
import vn.onedesk.gateway.staff.Role;
import vn.onedesk.gateway.staff.RoleAssignment;
import vn.onedesk.gateway.staff.StaffAccount;
import vn.onedesk.gateway.staff.StaffStore;

/**
 * Staff accounts (ADMIN only): each change is one transaction with its audit entry. A disabled or removed account,
 * or one whose password is reset, is logged out everywhere in the same transaction. Passwords and PINs are hashed
 * on a worker (PBKDF2 is slow on purpose) and never written to the audit.
 */
final class StaffAdmin {
    private final Vertx vertx;
    private final Pool pool;
    private final StaffStore store;
    private final Centres centres;
    private final Clock clock;

    StaffAdmin(Vertx vertx, Pool pool, StaffStore store, Centres centres, Clock clock) {
        this.vertx = vertx;
        this.pool = pool;
        this.store = store;
        this.centres = centres;
        this.clock = clock;
    }

    Future<List<JsonObject>> list() {
        return store.all().map(all -> all.stream().map(StaffAdmin::view).toList());
    }

    Future<JsonObject> get(String username) {
        return find(username).map(StaffAdmin::view);
    }

    private Future<StaffAccount> find(String username) {
        return store.account(username).compose(found -> found.map(Future::succeededFuture)
                .orElseGet(() -> Future.failedFuture(AdminFailure.notFound("there is no account " + username))));
    }

    Future<JsonObject> create(String by, JsonObject body) {
        String username = body.getString("username");
        List<RoleAssignment> roles = roles(body.getJsonArray("roles"), body.getJsonArray("centres", new JsonArray()));
        return hashes(body.getString("password"), body.getString("pin")).compose(h -> {
            StaffAccount account = new StaffAccount(username, body.getString("fullName"),
                    Optional.ofNullable(body.getString("operator")), h.password, Optional.ofNullable(h.pin),
                    body.getBoolean("enabled", true), roles);
            AuditRecord audit = new AuditRecord(by, "create", AdminApi.STAFF + "/" + username, null, null,
                    view(account), clock.instant());
            return pool.withTransaction(conn -> StaffStore.insert(conn, account, clock.instant())
                            .compose(inserted -> inserted ? AuditLogRows.insert(conn, List.of(audit))
                                    : Future.failedFuture(AdminFailure.exists("username", "username " + username
                                            + " is taken"))))
                    .map(v -> view(account));
        });
    }

    /** PUT (every field given) or PATCH (the fields given); absent secrets stay as they are. */
    Future<JsonObject> change(String by, String username, JsonObject body, boolean replace) {
        return find(username).compose(before -> {
            if (by.equals(username) && (Boolean.FALSE.equals(body.getBoolean("enabled"))
                    || (body.containsKey("roles") && !body.getJsonArray("roles").contains(Role.ADMIN.name())
                    && before.roles().stream().anyMatch(r -> r.role() == Role.ADMIN)))) {
                throw new AdminFailure(409, vn.onedesk.protocol.ErrorCode.INVALID_STATE, "enabled",
                        "you cannot disable your own account or take your own ADMIN role; ask another administrator");
            }
            List<RoleAssignment> roles = body.containsKey("roles") || body.containsKey("centres")
                    ? roles(body.getJsonArray("roles", rolesOf(before)), body.getJsonArray("centres", centresOf(before)))
                    : before.roles();
            return hashes(body.getString("password"), body.getString("pin")).compose(h -> {
                StaffAccount after = new StaffAccount(username,
                        body.getString("fullName", before.fullName()),
                        body.containsKey("operator") || replace ? Optional.ofNullable(body.getString("operator"))
                                : before.operator(),
                        h.password != null ? h.password : before.password(),
                        h.pin != null ? Optional.of(h.pin) : before.pin(),
                        body.getBoolean("enabled", replace ? Boolean.TRUE : before.enabled()), roles);
                boolean endSessions = !after.enabled() || h.password != null;
                AuditRecord audit = new AuditRecord(by, replace ? "replace" : "update", AdminApi.STAFF + "/" + username,
                        null, view(before), view(after).put("passwordChanged", h.password != null)
                        .put("pinChanged", h.pin != null), clock.instant());
                return pool.withTransaction(conn -> StaffStore.replace(conn, after, endSessions, clock.instant())
                                .compose(v -> AuditLogRows.insert(conn, List.of(audit))))
                        .map(v -> view(after));
            });
        });
    }

    Future<Void> delete(String by, String username) {
        if (by.equals(username)) {
            return Future.failedFuture(new AdminFailure(409, vn.onedesk.protocol.ErrorCode.INVALID_STATE, null,
                    "you cannot remove your own account; ask another administrator"));
        }
        return find(username).compose(before -> {
            AuditRecord audit = new AuditRecord(by, "delete", AdminApi.STAFF + "/" + username, null, view(before),
                    null, clock.instant());
            return pool.withTransaction(conn -> StaffStore.delete(conn, username)
                    .compose(v -> AuditLogRows.insert(conn, List.of(audit))));
        });
    }

    /** Makes the stored account what an imported file says: a line saying what changed, or empty when it was. */
    Future<Optional<String>> importAccount(String by, StaffAccount account) {
        return store.account(account.username()).compose(found -> {
            if (found.isPresent() && view(found.get()).equals(view(account))
                    && found.get().password().encoded().equals(account.password().encoded())
                    && found.get().pin().map(PasswordHash.Pbkdf2::encoded)
                    .equals(account.pin().map(PasswordHash.Pbkdf2::encoded))) {
                return Future.succeededFuture(Optional.empty());
            }
            AuditRecord audit = new AuditRecord(by, "import", AdminApi.STAFF + "/" + account.username(), null,
                    found.map(StaffAdmin::view).orElse(null), view(account), clock.instant());
            return pool.withTransaction(conn -> (found.isPresent()
                            ? StaffStore.replace(conn, account, true, clock.instant()).map(true)
                            : StaffStore.insert(conn, account, clock.instant()))
                            .compose(v -> AuditLogRows.insert(conn, List.of(audit))))
                    .map(v -> Optional.of("staff " + account.username() + (found.isPresent() ? " changed" : " added")));
        });
    }

    /** Every account as {@code config export} writes it: hashes, never a password. */
    Future<JsonArray> export() {
        return store.all().map(all -> {
            JsonArray out = new JsonArray();
            all.forEach(a -> {
                JsonObject json = view(a);
                json.remove("hasPin");
                json.put("passwordHash", a.password().encoded());
                a.pin().ifPresent(p -> json.put("pinHash", p.encoded()));
                out.add(json);
            });
            return out;
        });
    }

    /** An account as {@code config export} wrote it; throws {@link IllegalArgumentException} saying what is wrong. */
    StaffAccount account(JsonObject json) {
        String username = json.getString("username");
        if (username == null || !username.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("staff: username '" + username + "' is not valid");
        }
        String pin = json.getString("pinHash");
        return new StaffAccount(username, json.getString("fullName", username),
                Optional.ofNullable(json.getString("operator")), PasswordHash.parse(json.getString("passwordHash", "")),
                Optional.ofNullable(pin).map(PasswordHash::parse), json.getBoolean("enabled", true),
                roles(json.getJsonArray("roles", new JsonArray()), json.getJsonArray("centres", new JsonArray())));
    }

    private List<RoleAssignment> roles(JsonArray roles, JsonArray centreIds) {
        Set<String> places = new LinkedHashSet<>();
        centreIds.forEach(c -> places.add((String) c));
        for (String c : places) {
            if (centres.find(c).isEmpty()) {
                throw AdminFailure.invalid("centres", "there is no centre " + c);
            }
        }
        List<RoleAssignment> out = new ArrayList<>();
        for (Object r : roles) {
            Role role = Role.valueOf((String) r);
            if (role == Role.ADMIN) {
                out.add(RoleAssignment.admin());
                continue;
            }
            if (places.isEmpty()) {
                throw AdminFailure.invalid("centres", role + " is held at centres: name at least one");
            }
            places.forEach(c -> out.add(new RoleAssignment(role, c)));
        }
        return out;
    }

    private static JsonArray rolesOf(StaffAccount a) {
        return new JsonArray(a.roles().stream().map(r -> r.role().name()).distinct().toList());
    }

    private static JsonArray centresOf(StaffAccount a) {
        return new JsonArray(a.roles().stream().map(RoleAssignment::centre).filter(c -> c != null).distinct().toList());
    }

    private record Hashes(PasswordHash.Pbkdf2 password, PasswordHash.Pbkdf2 pin) {
    }

    private Future<Hashes> hashes(String password, String pin) {
        if (password == null && pin == null) {
            return Future.succeededFuture(new Hashes(null, null));
        }
        return vertx.executeBlocking(() -> new Hashes(
                password == null ? null : PasswordHash.create(password.toCharArray()),
                pin == null ? null : PasswordHash.create(pin.toCharArray())), false);
    }

    static JsonObject view(StaffAccount a) {
        return new JsonObject().put("username", a.username()).put("fullName", a.fullName())
                .put("operator", a.operator().orElse(null)).put("roles", rolesOf(a)).put("centres", centresOf(a))
                .put("hasPin", a.pin().isPresent()).put("enabled", a.enabled());
    }
}

package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.RowSet;
import io.vertx.sqlclient.SqlConnection;
import io.vertx.sqlclient.Tuple;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import vn.onedesk.gateway.devices.PasswordHash;

/**
 * Staff accounts, their roles and their login sessions in PostgreSQL (migration V3). Every time written is
 * the gateway's clock, passed in, so that tests and the database agree on it.
 */
public final class StaffStore {
    private static final String ACCOUNT_COLUMNS = "a.username, a.full_name, a.operator, a.password_hash, a.pin_hash,"
            + " a.enabled, r.role, r.centre_id";

    private final Pool pool;

    public StaffStore(Pool pool) {
        this.pool = pool;
    }

    /** The account with its roles, if there is one. */
    public Future<Optional<StaffAccount>> account(String username) {
        return pool.preparedQuery("SELECT " + ACCOUNT_COLUMNS + " FROM staff_accounts a"
                        + " LEFT JOIN staff_roles r ON r.username = a.username WHERE a.username = $1")
                .execute(Tuple.of(username))
                .map(rows -> rows.size() == 0 ? Optional.empty() : Optional.of(account(rows)));
    }

    /**
     * Creates the account with its roles, in one transaction; succeeds with false, writing nothing, if the
     * username is taken (two gateways seeding at once: only one creates it).
     */
    public Future<Boolean> create(StaffAccount account, Instant now) {
        return pool.withTransaction(conn -> insert(conn, account, now));
    }

    /** Creates those of {@code accounts} whose username is free, in one transaction; the usernames created. */
    public Future<List<String>> createMissing(List<StaffAccount> accounts, Instant now) {
        return pool.withTransaction(conn -> {
            List<String> created = new ArrayList<>();
            Future<Void> chain = Future.succeededFuture();
            for (StaffAccount account : accounts) {
                chain = chain.compose(v -> insert(conn, account, now)).map(inserted -> {
                    if (inserted) {
                        created.add(account.username());
                    }
                    return null;
                });
            }
            return chain.map(v -> created);
        });
    }

    /** Creates the account with its roles within the caller's transaction; false, writing nothing, if it is taken. */
    public static Future<Boolean> insert(SqlConnection conn, StaffAccount account, Instant now) {
        return conn.preparedQuery("INSERT INTO staff_accounts (username, full_name, operator, password_hash, pin_hash,"
                        + " enabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)"
                        + " ON CONFLICT (username) DO NOTHING RETURNING username")
                .execute(Tuple.of(account.username(), account.fullName(), account.operator().orElse(null),
                        account.password().encoded(), account.pin().map(PasswordHash.Pbkdf2::encoded).orElse(null),
                        account.enabled(), at(now)))
                .compose(inserted -> {
                    if (inserted.size() == 0 || account.roles().isEmpty()) {
                        return Future.succeededFuture(inserted.size() > 0);
                    }
                    List<Tuple> roles = account.roles().stream()
                            .map(r -> Tuple.of(account.username(), r.role().name(), r.centre())).toList();
                    return conn.preparedQuery("INSERT INTO staff_roles (username, role, centre_id) VALUES ($1, $2, $3)")
                            .executeBatch(roles).map(true);
                });
    }

    /** Which of these usernames have an account. */
    public Future<Set<String>> existing(Collection<String> usernames) {
        return pool.preparedQuery("SELECT username FROM staff_accounts WHERE username = ANY($1)")
                .execute(Tuple.of(usernames.toArray(String[]::new)))
                .map(rows -> {
                    Set<String> found = new HashSet<>();
                    rows.forEach(r -> found.add(r.getString(0)));
                    return found;
                });
    }

    /** The full names of those of these usernames that have an account, enabled or not (for reports). */
    public Future<Map<String, String>> fullNames(Collection<String> usernames) {
        return pool.preparedQuery("SELECT username, full_name FROM staff_accounts WHERE username = ANY($1)")
                .execute(Tuple.of(usernames.toArray(String[]::new)))
                .map(rows -> {
                    Map<String, String> names = new HashMap<>();
                    rows.forEach(r -> names.put(r.getString(0), r.getString(1)));
                    return names;
                });
    }

    /** Whether any account holds ADMIN, enabled or not. */
    public Future<Boolean> anyAdmin() {
        return pool.query("SELECT EXISTS (SELECT 1 FROM staff_roles WHERE role = 'ADMIN')").execute()
                .map(rows -> rows.iterator().next().getBoolean(0));
    }

    public Future<Void> setPassword(String username, PasswordHash.Pbkdf2 hash, Instant now) {
        return pool.preparedQuery("UPDATE staff_accounts SET password_hash = $2, updated_at = $3 WHERE username = $1")
                .execute(Tuple.of(username, hash.encoded(), at(now))).mapEmpty();
    }

    public Future<Void> setEnabled(String username, boolean enabled, Instant now) {
        return pool.preparedQuery("UPDATE staff_accounts SET enabled = $2, updated_at = $3 WHERE username = $1")
                .execute(Tuple.of(username, enabled, at(now))).mapEmpty();
    }

    // ---------------------------------------------------------------- sessions

    public Future<Void> createSession(LoginSession session) {
        return pool.preparedQuery("INSERT INTO login_sessions (token_hash, username, created_at, expires_at,"
                        + " last_seen_at) VALUES ($1, $2, $3, $4, $5)")
                .execute(Tuple.of(Buffer.buffer(session.tokenHash()), session.username(), at(session.created()),
                        at(session.expires()), at(session.lastSeen())))
                .mapEmpty();
    }

    /** The session with this token hash and the account it belongs to, as they are now. */
    public Future<Optional<SignedIn>> session(byte[] tokenHash) {
        return pool.preparedQuery("SELECT s.created_at, s.expires_at, s.last_seen_at, " + ACCOUNT_COLUMNS
                        + " FROM login_sessions s JOIN staff_accounts a ON a.username = s.username"
                        + " LEFT JOIN staff_roles r ON r.username = a.username WHERE s.token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(tokenHash)))
                .map(rows -> {
                    if (rows.size() == 0) {
                        return Optional.empty();
                    }
                    Row first = rows.iterator().next();
                    StaffAccount account = account(rows);
                    if (!account.enabled()) {
                        return Optional.empty();
                    }
                    LoginSession session = new LoginSession(tokenHash, account.username(),
                            instant(first.getOffsetDateTime("created_at")),
                            instant(first.getOffsetDateTime("expires_at")),
                            instant(first.getOffsetDateTime("last_seen_at")));
                    return Optional.of(new SignedIn(account.username(), account.fullName(), account.operator(),
                            account.roles(), session));
                });
    }

    public Future<Void> touch(byte[] tokenHash, Instant now) {
        return pool.preparedQuery("UPDATE login_sessions SET last_seen_at = $2 WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(tokenHash), at(now))).mapEmpty();
    }

    public Future<Void> deleteSession(byte[] tokenHash) {
        return pool.preparedQuery("DELETE FROM login_sessions WHERE token_hash = $1")
                .execute(Tuple.of(Buffer.buffer(tokenHash))).mapEmpty();
    }

    /** Ends every session of the person but the one given (after a password change). */
    public Future<Integer> deleteOtherSessions(String username, byte[] keep) {
        return pool.preparedQuery("DELETE FROM login_sessions WHERE username = $1 AND token_hash <> $2")
                .execute(Tuple.of(username, Buffer.buffer(keep))).map(RowSet::rowCount);
    }

    /** Deletes the sessions that have ended by {@code now}, by either limit. */
    public Future<Integer> deleteEnded(Instant now) {
        return pool.preparedQuery("DELETE FROM login_sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
                .execute(Tuple.of(at(now), at(now.minus(LoginSession.IDLE_TIMEOUT)))).map(RowSet::rowCount);
    }

    // ---------------------------------------------------------------- administration

    /** Every account with its roles, by username. */
    public Future<List<StaffAccount>> all() {
        return pool.query("SELECT " + ACCOUNT_COLUMNS + " FROM staff_accounts a"
                        + " LEFT JOIN staff_roles r ON r.username = a.username ORDER BY a.username").execute()
                .map(rows -> {
                    java.util.Map<String, List<Row>> byUser = new java.util.LinkedHashMap<>();
                    rows.forEach(r -> byUser.computeIfAbsent(r.getString("username"), u -> new ArrayList<>()).add(r));
                    return byUser.values().stream().map(StaffStore::account).toList();
                });
    }

    /**
     * Writes every field and the roles of an existing account within the caller's transaction; when the account is
     * disabled or its password changed, its sessions end in the same transaction.
     */
    public static Future<Void> replace(SqlConnection conn, StaffAccount account, boolean endSessions, Instant now) {
        return conn.preparedQuery("UPDATE staff_accounts SET full_name = $2, operator = $3, password_hash = $4,"
                        + " pin_hash = $5, enabled = $6, updated_at = $7 WHERE username = $1")
                .execute(Tuple.of(account.username(), account.fullName(), account.operator().orElse(null),
                        account.password().encoded(), account.pin().map(PasswordHash.Pbkdf2::encoded).orElse(null),
                        account.enabled(), at(now)))
                .compose(v -> conn.preparedQuery("DELETE FROM staff_roles WHERE username = $1")
                        .execute(Tuple.of(account.username())))
                .compose(v -> account.roles().isEmpty() ? Future.succeededFuture()
                        : conn.preparedQuery("INSERT INTO staff_roles (username, role, centre_id) VALUES ($1, $2, $3)")
                                .executeBatch(account.roles().stream()
                                        .map(r -> Tuple.of(account.username(), r.role().name(), r.centre())).toList()))
                .compose(v -> endSessions
                        ? conn.preparedQuery("DELETE FROM login_sessions WHERE username = $1")
                                .execute(Tuple.of(account.username())).mapEmpty()
                        : Future.<Void>succeededFuture());
    }

    /** Deletes the account, its roles and sessions (cascade) within the caller's transaction; false if absent. */
    public static Future<Boolean> delete(SqlConnection conn, String username) {
        return conn.preparedQuery("DELETE FROM staff_accounts WHERE username = $1").execute(Tuple.of(username))
                .map(rows -> rows.rowCount() == 1);
    }

    // ---------------------------------------------------------------- rows

    private static StaffAccount account(List<Row> rows) {
        Row first = rows.get(0);
        List<RoleAssignment> roles = new ArrayList<>();
        for (Row row : rows) {
            String role = row.getString("role");
            if (role != null) {
                roles.add(new RoleAssignment(Role.valueOf(role), row.getString("centre_id")));
            }
        }
        String pin = first.getString("pin_hash");
        return new StaffAccount(first.getString("username"), first.getString("full_name"),
                Optional.ofNullable(first.getString("operator")), PasswordHash.parse(first.getString("password_hash")),
                Optional.ofNullable(pin).map(PasswordHash::parse), first.getBoolean("enabled"), roles);
    }

    private static StaffAccount account(RowSet<Row> rows) {
        List<Row> all = new ArrayList<>();
        rows.forEach(all::add);
        return account(all);
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static Instant instant(OffsetDateTime time) {
        return time.toInstant();
    }
}

package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.sqlclient.Pool;
import io.vertx.sqlclient.Row;
import io.vertx.sqlclient.Tuple;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.logging.Logger;

/**
 * Counter passes: how the counter console opens a counter as the officer who logged in on it over HTTP, while the
 * console's MQTT connection stays the counter terminal's. A logged-in OFFICER asks for a pass
 * ({@code POST /api/v1/auth/counter-pass}); the console sends it at once with OPEN ({@code officer} + {@code pass});
 * the gateway redeems it here before the OPEN reaches the queue.
 *
 * <p>A pass is
 * <ul>
 *   <li><b>unguessable</b>: 256 bits from {@code SecureRandom}, like a session token;</li>
 *   <li><b>bound to its officer</b>: it is redeemed only with the username it was issued to;</li>
 *   <li><b>short-lived</b>: {@link #LIFETIME} (60 s) on the gateway's clock;</li>
 *   <li><b>single-use</b>: redeeming it uses it up. The very OPEN that used it (the same terminal and requestId)
 *   may be resent for {@link #RESEND_WINDOW}, as every request may, and the queue answers the resend as it
 *   answered the first; any other request with it is refused;</li>
 *   <li><b>one at a time</b>: a new pass replaces the officer's previous one, and their logout revokes it;</li>
 *   <li><b>kept as a hash only</b>: its SHA-256, compared in constant time; the pass is never logged, stored or
 *   echoed.</li>
 * </ul>
 * Passes live in PostgreSQL ({@code counter_passes}, one row per officer, the hash only), so that with several
 * gateway nodes the node that issued a pass and the node that decides the OPEN need not be the same. Dead rows are
 * swept at every issue. The times are the gateway's clock, like the rest of its rules.
 *
 * <p>Redeeming checks the pass first, then the account as the PIN check does: enabled, OFFICER at the counter's
 * centre ({@link OfficerVerdict#officerAt}), and of the counter's operator. An unknown, wrong, used or expired pass,
 * a disabled account and a missing role all get the same {@link OfficerVerdict.Refused}; the refusal is logged at
 * INFO with the officer, the terminal and why, never the pass.
 */
public final class CounterPasses {
    /** How long a pass may wait before it is used: the console uses it within a second of getting it. */
    public static final Duration LIFETIME = Duration.ofSeconds(60);
    /** How long after its use a pass still lets the same terminal resend the same OPEN. */
    public static final Duration RESEND_WINDOW = Duration.ofMinutes(10);
    private static final Logger LOG = Logger.getLogger(CounterPasses.class.getName());

    /** A pass as the officer receives it, once. */
    public record Issued(String pass, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[pass=****, expiresAt=" + expiresAt + "]"; // never in a log
        }
    }

    private final StaffStore store;
    private final Clock clock;
    private final Pool pool;

    public CounterPasses(StaffStore store, Pool pool, Clock clock) {
        this.store = store;
        this.pool = pool;
        this.clock = clock;
    }

    /** A new pass for this officer, replacing any pass they still held. */
    public Future<Issued> issue(String username) {
        Instant now = clock.instant();
        String pass = Tokens.newToken();
        Instant expires = now.plus(LIFETIME);
        OffsetDateTime at = at(now);
        return pool.preparedQuery("DELETE FROM counter_passes WHERE (used_by IS NULL AND expires_at <= $1)"
                        + " OR (used_by IS NOT NULL AND used_at <= $2)")
                .execute(Tuple.of(at, at(now.minus(RESEND_WINDOW))))
                .compose(swept -> pool.preparedQuery("INSERT INTO counter_passes (officer, hash, expires_at)"
                                + " VALUES ($1, $2, $3) ON CONFLICT (officer) DO UPDATE SET hash = EXCLUDED.hash,"
                                + " expires_at = EXCLUDED.expires_at, used_by = NULL, used_at = NULL")
                        .execute(Tuple.of(username, Buffer.buffer(Tokens.hash(pass)), at(expires))))
                .map(done -> new Issued(pass, expires));
    }

    /** Forgets the officer's pass, used or not: they logged out. */
    public Future<Void> revoke(String username) {
        return pool.preparedQuery("DELETE FROM counter_passes WHERE officer = $1").execute(Tuple.of(username))
                .mapEmpty();
    }

    /**
     * Redeems a pass for an OPEN at a counter.
     *
     * @param centre    the counter's centre, where the officer must hold OFFICER
     * @param operator  the counter's operator code, which must be the officer's
     * @param terminal  the terminal's device id, for the log and, with {@code requestId}, to know a resend
     * @param requestId the OPEN's requestId
     */
    public Future<OfficerVerdict> redeem(String username, String pass, String centre, String counter,
                                         String operator, String terminal, String requestId) {
        Objects.requireNonNull(pass, "pass");
        String use = centre + "/" + terminal + "/" + requestId;
        byte[] hash = Tokens.hash(pass);
        Instant now = clock.instant();
        return pool.preparedQuery("SELECT hash, expires_at, used_by, used_at FROM counter_passes WHERE officer = $1")
                .execute(Tuple.of(username))
                .compose(rows -> {
                    if (rows.size() == 0) {
                        return Future.succeededFuture("no pass was issued to this officer, or it was revoked");
                    }
                    Row held = rows.iterator().next();
                    if (!MessageDigest.isEqual(held.getBuffer(0).getBytes(), hash)) {
                        return Future.succeededFuture("not the pass issued to this officer");
                    }
                    String usedBy = held.getString(2);
                    if (usedBy != null) {
                        boolean resend = usedBy.equals(use)
                                && now.isBefore(held.getOffsetDateTime(3).toInstant().plus(RESEND_WINDOW));
                        return Future.succeededFuture(resend ? null : "the pass was already used");
                    }
                    Instant expires = held.getOffsetDateTime(1).toInstant();
                    if (!now.isBefore(expires)) {
                        return revoke(username).map("the pass expired at " + expires);
                    }
                    // used once: of two OPENs racing with the same pass, the one whose update lands wins
                    return pool.preparedQuery("UPDATE counter_passes SET used_by = $2, used_at = $3"
                                    + " WHERE officer = $1 AND hash = $4 AND used_by IS NULL")
                            .execute(Tuple.of(username, use, at(now), Buffer.buffer(hash)))
                            .map(updated -> updated.rowCount() == 1 ? null : "the pass was already used");
                })
                .compose(refusal -> {
                    if (refusal != null) {
                        return Future.succeededFuture(refused(username, counter, terminal, refusal));
                    }
                    return store.account(username).map(account -> {
                        if (!OfficerVerdict.officerAt(account, centre)) {
                            return refused(username, counter, terminal, account.isEmpty() ? "no such account"
                                    : !account.get().enabled() ? "the account is disabled"
                                    : "not an OFFICER of " + centre);
                        }
                        OfficerVerdict verdict = OfficerVerdict.forCounter(account.get(), counter, operator);
                        if (verdict instanceof OfficerVerdict.WrongOperator) {
                            LOG.info(() -> username + " may not open counter " + counter + " of operator "
                                    + operator);
                        }
                        return verdict;
                    });
                });
    }

    private static OffsetDateTime at(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static OfficerVerdict refused(String username, String counter, String terminal, String why) {
        LOG.info(() -> "counter pass for " + StaffLogin.quoted(username) + " at counter " + counter + " refused"
                + " (terminal " + terminal + "): " + why);
        return new OfficerVerdict.Refused("officer or pass not accepted");
    }
}

package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
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
 * Passes live in this gateway's memory: a restart forgets the outstanding ones (at most 60 s of them; the console
 * asks for a new one at its next OPEN), and each gateway knows only its own. Memory is bounded by the number of
 * officers, one entry each, and dead entries are swept at every issue.
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

    /** The officer's outstanding pass: its hash, when it expires, and which request used it (null until used). */
    private record Held(byte[] hash, Instant expires, String usedBy, Instant usedAt) {
        boolean deadAt(Instant now) {
            return usedBy == null ? !now.isBefore(expires) : !now.isBefore(usedAt.plus(RESEND_WINDOW));
        }
    }

    /** A pass as the officer receives it, once. */
    public record Issued(String pass, Instant expiresAt) {
        @Override
        public String toString() {
            return "Issued[pass=****, expiresAt=" + expiresAt + "]"; // never in a log
        }
    }

    private final StaffStore store;
    private final Clock clock;
    private final Map<String, Held> byOfficer = new ConcurrentHashMap<>();

    public CounterPasses(StaffStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    /** A new pass for this officer, replacing any pass they still held. */
    public Issued issue(String username) {
        Instant now = clock.instant();
        byOfficer.values().removeIf(held -> held.deadAt(now));
        String pass = Tokens.newToken();
        Instant expires = now.plus(LIFETIME);
        byOfficer.put(username, new Held(Tokens.hash(pass), expires, null, null));
        return new Issued(pass, expires);
    }

    /** Forgets the officer's pass, used or not: they logged out. */
    public void revoke(String username) {
        byOfficer.remove(username);
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
        String[] refusal = {"no pass was issued to this officer, or it was revoked"};
        byOfficer.computeIfPresent(username, (officer, held) -> {
            if (!MessageDigest.isEqual(held.hash(), hash)) {
                refusal[0] = "not the pass issued to this officer";
                return held;
            }
            if (held.usedBy() != null) {
                if (held.usedBy().equals(use) && now.isBefore(held.usedAt().plus(RESEND_WINDOW))) {
                    refusal[0] = null; // the same OPEN again: the same use
                } else {
                    refusal[0] = "the pass was already used";
                }
                return held;
            }
            if (!now.isBefore(held.expires())) {
                refusal[0] = "the pass expired at " + held.expires();
                return null;
            }
            refusal[0] = null;
            return new Held(held.hash(), held.expires(), use, now);
        });
        if (refusal[0] != null) {
            return Future.succeededFuture(refused(username, counter, terminal, refusal[0]));
        }
        return store.account(username).map(account -> {
            if (!OfficerVerdict.officerAt(account, centre)) {
                return refused(username, counter, terminal, account.isEmpty() ? "no such account"
                        : !account.get().enabled() ? "the account is disabled" : "not an OFFICER of " + centre);
            }
            OfficerVerdict verdict = OfficerVerdict.forCounter(account.get(), counter, operator);
            if (verdict instanceof OfficerVerdict.WrongOperator) {
                LOG.info(() -> username + " may not open counter " + counter + " of operator " + operator);
            }
            return verdict;
        });
    }

    private static OfficerVerdict refused(String username, String counter, String terminal, String why) {
        LOG.info(() -> "counter pass for " + StaffLogin.quoted(username) + " at counter " + counter + " refused"
                + " (terminal " + terminal + "): " + why);
        return new OfficerVerdict.Refused("officer or pass not accepted");
    }

    /** For tests and status: how many officers hold a pass, used or not, that is not yet swept. */
    int held() {
        return byOfficer.size();
    }
}

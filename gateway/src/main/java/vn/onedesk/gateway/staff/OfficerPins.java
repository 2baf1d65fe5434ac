package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.logging.Logger;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.security.LoginThrottle;
import vn.onedesk.gateway.security.PasswordChecks;

/**
 * Checks an officer's PIN typed at a hardware counter terminal, for an OPEN that names them. The PIN is checked on
 * a worker (PBKDF2, never on an event loop), against a stand-in hash of the same cost when the username is unknown
 * or has no PIN, so neither the answer nor its time tells whether the officer exists. Only an officer whose PIN is
 * right learns more: a disabled account, or one without OFFICER at the counter's centre, is refused as a wrong PIN
 * is; the right officer of another operator than the counter's is told so.
 *
 * <p>Wrong PINs are throttled like logins (their own {@link LoginThrottle}: per officer, and per terminal), since a
 * PIN is short. Refusals are logged at INFO with the officer and the terminal, never the PIN.
 */
public final class OfficerPins {
    private static final Logger LOG = Logger.getLogger(OfficerPins.class.getName());

    private final PasswordChecks checks;
    private final StaffStore store;
    private final LoginThrottle throttle;
    private final Clock clock;

    /** @param checks the gateway's bounded pool of password checks; when it is full the OPEN gets UNAVAILABLE */
    public OfficerPins(PasswordChecks checks, StaffStore store, LoginThrottle throttle, Clock clock) {
        this.checks = checks;
        this.store = store;
        this.throttle = throttle;
        this.clock = clock;
    }

    /**
     * @param centre   the counter's centre, where the officer must hold OFFICER
     * @param operator the counter's operator code, which must be the officer's
     * @param terminal the terminal's device id, the throttle's second key and the log's
     */
    public Future<OfficerVerdict> check(String username, String pin, String centre, String counter, String operator,
                                 String terminal) {
        Instant now = clock.instant();
        String address = "terminal " + centre + "/" + terminal;
        Optional<LoginThrottle.Locked> locked = throttle.attempt(username, address, now);
        if (locked.isPresent()) {
            LOG.info(() -> "PIN for " + StaffLogin.quoted(username) + " at counter " + counter + " refused: too many"
                    + " wrong PINs of this " + locked.get().what() + "; the PIN was not checked");
            return Future.succeededFuture(new OfficerVerdict.Refused("too many wrong PINs; wait "
                    + seconds(locked.get().retryAfter()) + " s and try again"));
        }
        return store.account(username)
                .compose(account -> checks.run(() -> matches(account, pin))
                        .map(right -> verdict(account, right, username, centre, counter, operator, address)))
                .onFailure(e -> throttle.abandoned(username, address));
    }

    private OfficerVerdict verdict(Optional<StaffAccount> account, boolean right, String username, String centre,
                                   String counter, String operator, String address) {
        if (!right || !OfficerVerdict.officerAt(account, centre)) {
            throttle.failed(username, address, clock.instant());
            String why = account.isEmpty() ? "no such account" : !right ? "wrong PIN or no PIN set"
                    : !account.get().enabled() ? "the account is disabled" : "not an OFFICER of " + centre;
            LOG.info(() -> "PIN for " + StaffLogin.quoted(username) + " at counter " + counter + " refused ("
                    + address + "): " + why);
            return new OfficerVerdict.Refused("officer or PIN not accepted");
        }
        throttle.succeeded(username, address);
        OfficerVerdict verdict = OfficerVerdict.forCounter(account.get(), counter, operator);
        if (verdict instanceof OfficerVerdict.WrongOperator) {
            LOG.info(() -> username + " may not open counter " + counter + " of operator " + operator);
        }
        return verdict;
    }

    /** On a worker: the account's PIN hash, or the stand-in's at the same cost for an unknown or PIN-less account. */
    private static boolean matches(Optional<StaffAccount> account, String pin) {
        Optional<PasswordHash.Pbkdf2> hash = account.flatMap(StaffAccount::pin);
        PasswordHash against = hash.<PasswordHash>map(h -> h).orElseGet(StaffLogin.StandIn::hash);
        return against.matches(pin.toCharArray()) && hash.isPresent();
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }
}

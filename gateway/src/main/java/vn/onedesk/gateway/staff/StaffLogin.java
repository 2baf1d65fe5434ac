package vn.onedesk.gateway.staff;

import io.vertx.core.Future;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Logger;
import vn.onedesk.gateway.devices.PasswordHash;
import vn.onedesk.gateway.devices.StandInHash;
import vn.onedesk.gateway.security.LoginThrottle;
import vn.onedesk.gateway.security.PasswordChecks;
import vn.onedesk.monitoring.LoginFailure;
import vn.onedesk.monitoring.StaffMetrics;

/**
 * Logging in and changing one's password: the throttle first, then the account, then the password checked on a
 * worker (PBKDF2 is slow on purpose, and never runs on an event loop).
 *
 * <p>Whether a username exists must not show, in the answer or in its time. So an unknown username is checked
 * too, against a {@linkplain StandIn stand-in hash} of the same cost, and a disabled account's password is
 * checked before it is refused; all three get the same 401. Only the log and the metric's {@code reason} tell
 * them apart, for the operator. Every refusal is logged at INFO with the username and the address, never the
 * password.
 */
public final class StaffLogin {
    private static final Logger LOG = Logger.getLogger(StaffLogin.class.getName());
    public static final int MIN_PASSWORD_LENGTH = 8;
    public static final int MAX_PASSWORD_LENGTH = 1024;

    private final PasswordChecks checks;
    private final StaffStore store;
    private final LoginThrottle throttle;
    private final StaffMetrics metrics;
    private final Clock clock;
    private final AtomicLong passwordsChecked = new AtomicLong();

    /** @param checks the gateway's bounded pool of password checks, shared with device logins and PINs */
    public StaffLogin(PasswordChecks checks, StaffStore store, LoginThrottle throttle, StaffMetrics metrics,
                      Clock clock) {
        this.checks = checks;
        this.store = store;
        this.throttle = throttle;
        this.metrics = metrics;
        this.clock = clock;
    }

    /** What a login came to. */
    public sealed interface Outcome {
    }

    /** @param token the session's token, which the client keeps (cookie or bearer) and the database never sees */
    public record LoggedIn(SignedIn who, String token) implements Outcome {
    }

    /** Wrong username or password, or a disabled account: one answer for all three. */
    public record Refused() implements Outcome {
    }

    /** Locked by the throttle; the password was not checked. */
    public record Throttled(Duration retryAfter) implements Outcome {
    }

    /** Every password-check thread was busy and the queue full: not checked, to be tried again shortly. */
    public record Busy() implements Outcome {
    }

    /** What a password change came to. */
    public sealed interface Change {
    }

    /** @param sessionsEnded the person's other sessions, ended by the change */
    public record Changed(int sessionsEnded) implements Change {
    }

    public record WrongCurrentPassword() implements Change {
    }

    public record ChangeThrottled(Duration retryAfter) implements Change {
    }

    public Future<Outcome> login(String username, String password, String address) {
        Instant now = clock.instant();
        Optional<LoginThrottle.Locked> locked = throttle.attempt(username, address, now);
        if (locked.isPresent()) {
            metrics.loginFailed(LoginFailure.THROTTLED);
            LOG.info(() -> "login refused for " + quoted(username) + " from " + address + ": too many failed logins"
                    + " of this " + locked.get().what() + ", locked for " + seconds(locked.get().retryAfter())
                    + " s more; the password was not checked");
            return Future.succeededFuture(new Throttled(locked.get().retryAfter()));
        }
        return store.account(username)
                .compose(account -> checks.run(() -> check(account, password))
                        .map(right -> new Checked(account, right)))
                .compose(checked -> {
                    Optional<StaffAccount> account = checked.account();
                    if (account.isPresent() && checked.right() && account.get().enabled()) {
                        throttle.succeeded(username, address);
                        return startSession(account.get(), now);
                    }
                    throttle.failed(username, address, clock.instant());
                    LoginFailure reason = account.isEmpty() ? LoginFailure.UNKNOWN_USER
                            : !checked.right() ? LoginFailure.WRONG_PASSWORD : LoginFailure.DISABLED;
                    metrics.loginFailed(reason);
                    LOG.info(() -> "login refused for " + quoted(username) + " from " + address + ": "
                            + switch (reason) {
                                case UNKNOWN_USER -> "no such account";
                                case WRONG_PASSWORD -> "wrong password";
                                default -> "the account is disabled";
                            } + " (" + throttle.failures(username) + " failed in a row)");
                    return Future.<Outcome>succeededFuture(new Refused());
                })
                .recover(e -> {
                    throttle.abandoned(username, address);
                    if (e instanceof PasswordChecks.Busy) {
                        // Anyone can cause this, as often as they like: counted, and logged below INFO.
                        metrics.loginFailed(LoginFailure.BUSY);
                        LOG.fine(() -> "login of " + quoted(username) + " from " + address + " refused: " + e.getMessage());
                        return Future.succeededFuture(new Busy());
                    }
                    return Future.failedFuture(e);
                });
    }

    private record Checked(Optional<StaffAccount> account, boolean right) {
    }

    private Future<Outcome> startSession(StaffAccount account, Instant now) {
        String token = Tokens.newToken();
        LoginSession session = LoginSession.startingAt(Tokens.hash(token), account.username(), now);
        // Housekeeping at each login keeps the table to the sessions that can still be used.
        return store.deleteEnded(now)
                .compose(deleted -> store.createSession(session))
                .map(v -> {
                    LOG.info(() -> account.username() + " logged in (" + account.roles() + ")");
                    return new LoggedIn(new SignedIn(account.username(), account.fullName(), account.operator(),
                            account.roles(), session), token);
                });
    }

    /**
     * Checks the current password (throttled as a login is: a stolen session must not be a way to guess it),
     * stores the new one's hash and ends the person's other sessions.
     */
    public Future<Change> changePassword(SignedIn who, String current, String next, String address) {
        Instant now = clock.instant();
        Optional<LoginThrottle.Locked> locked = throttle.attempt(who.username(), address, now);
        if (locked.isPresent()) {
            metrics.loginFailed(LoginFailure.THROTTLED);
            LOG.info(() -> "password change refused for " + quoted(who.username()) + " from " + address
                    + ": too many failed attempts, locked for " + seconds(locked.get().retryAfter()) + " s more");
            return Future.succeededFuture(new ChangeThrottled(locked.get().retryAfter()));
        }
        return store.account(who.username())
                .compose(account -> checks.run(() -> check(account, current)
                        ? Optional.of(PasswordHash.create(next.toCharArray())) : Optional.<PasswordHash.Pbkdf2>empty()))
                .compose(hash -> {
                    if (hash.isEmpty()) {
                        throttle.failed(who.username(), address, clock.instant());
                        metrics.loginFailed(LoginFailure.WRONG_PASSWORD);
                        LOG.info(() -> "password change refused for " + quoted(who.username()) + " from " + address
                                + ": wrong current password");
                        return Future.<Change>succeededFuture(new WrongCurrentPassword());
                    }
                    throttle.succeeded(who.username(), address);
                    return store.setPassword(who.username(), hash.get(), now)
                            .compose(v -> store.deleteOtherSessions(who.username(), who.session().tokenHash()))
                            .map(ended -> {
                                LOG.info(() -> who.username() + " changed their password; " + ended
                                        + " other session(s) ended");
                                return new Changed(ended);
                            });
                })
                .onFailure(e -> throttle.abandoned(who.username(), address));
    }

    /** On a worker: the account's hash, or the stand-in for an unknown username, at the same cost. */
    private boolean check(Optional<StaffAccount> account, String password) {
        PasswordHash hash = account.<PasswordHash>map(StaffAccount::password).orElseGet(StandIn::hash);
        passwordsChecked.incrementAndGet();
        return hash.matches(password.toCharArray()) && account.isPresent();
    }

    /** How many passwords this gateway has checked against a hash, the stand-in's included. */
    public long passwordsChecked() {
        return passwordsChecked.get();
    }

    /** Computes the stand-in hash now (a blocking call, for a worker at start), not at the first unknown login. */
    static void prepare() {
        StandIn.hash();
    }

    /**
     * The hash an unknown username's password is checked against: the gateway's one {@link StandInHash}, shared
     * with unknown devices, at the iterations every hash the gateway makes has, so that the check costs what a
     * real one does.
     */
    static final class StandIn {
        private StandIn() {
        }

        static PasswordHash.Pbkdf2 hash() {
            return StandInHash.hash();
        }
    }

    private static long seconds(Duration d) {
        return Math.max(1, (d.toMillis() + 999) / 1000);
    }

    /** The username as typed, quoted, without control characters (it goes into the log) and at most 64 of them. */
    static String quoted(String username) {
        String clean = username.codePoints().limit(64)
                .map(c -> Character.isISOControl(c) ? '?' : c)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
        return "'" + clean + (username.codePointCount(0, username.length()) > 64 ? "…'" : "'");
    }
}

package vn.onedesk.gateway.security;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Exponential backoff of failed logins, per account (the username typed, or the device id a CONNECT claims, whether
 * or not it exists) and per remote address. Staff logins, officers' PINs and device logins each have their own. A key may fail {@code freeFailures} times in a row; each failure after that locks it for
 * {@link #FIRST_LOCK} (1 s), doubling with every further failure up to {@link #MAX_LOCK} (15 min). While a key
 * is locked, an attempt is refused before any password is checked, even the right one.
 *
 * <p>For its account, an attempt counts as a failure from the moment it starts until its password is verified
 * right, so that guesses of one account sent all at once cannot slip through while the slow hash of the first is
 * computed. For its address, an attempt counts once it has failed ({@link #failed}): a whole centre's devices
 * behind one NAT address reconnect together after a restart or a power cut, dozens of logins in flight at once,
 * and none of them may lock the others out. Guesses of many accounts sent at once from one address are bounded
 * by the password-check pool (threads + queue, beyond which a login is refused as busy) and lock the address as
 * soon as they are decided. A right password clears the account's count, not the address's (someone with one
 * valid account must not reset the counter of the address they guess other accounts from). A key with no failure for {@link #FORGET_AFTER} starts again
 * from zero. Addresses get {@link #ADDRESS_FREE_FAILURES} (20) free failures rather than 5, because a whole
 * centre's staff may reach the gateway through one NAT address.
 *
 * <p>The counts live in this gateway's memory: a restart forgets them, and each node of a cluster counts for
 * itself. Each map holds at most {@link #MAX_KEYS} keys; beyond that, the keys idle longest are forgotten.
 * Thread-safe.
 */
public final class LoginThrottle {
    public static final int ACCOUNT_FREE_FAILURES = 5;
    public static final int ADDRESS_FREE_FAILURES = 20;
    public static final Duration FIRST_LOCK = Duration.ofSeconds(1);
    public static final Duration MAX_LOCK = Duration.ofMinutes(15);
    public static final Duration FORGET_AFTER = Duration.ofHours(1);
    static final int MAX_KEYS = 10_000;

    private final Counts accounts = new Counts(ACCOUNT_FREE_FAILURES);
    private final Counts addresses = new Counts(ADDRESS_FREE_FAILURES);

    /** What stopped an attempt: which key is locked, and for how much longer. */
    public record Locked(String what, Duration retryAfter) {
    }

    /**
     * Starts an attempt: empty if it may go on (and it now counts as a failure of both keys until
     * {@link #succeeded}), or which lock refuses it.
     */
    public synchronized Optional<Locked> attempt(String username, String address, Instant now) {
        Optional<Duration> account = accounts.lockedFor(username, now);
        Optional<Duration> from = addresses.lockedFor(address, now);
        if (account.isPresent() || from.isPresent()) {
            Duration longest = account.orElse(Duration.ZERO).compareTo(from.orElse(Duration.ZERO)) >= 0
                    ? account.orElseThrow() : from.orElseThrow();
            return Optional.of(new Locked(account.isPresent() ? "account" : "address", longest));
        }
        accounts.fail(username, now);
        return Optional.empty();
    }

    /**
     * The attempt's password was right: the account starts again from zero; the address keeps the failures it had
     * (a login that succeeds is no failure, and never counted as one for the address).
     */
    public synchronized void succeeded(String username, String address) {
        accounts.clear(username);
    }

    /** The attempt's password was wrong (or the account unknown or disabled): now it counts for the address too. */
    public synchronized void failed(String username, String address, Instant now) {
        addresses.fail(address, now);
    }

    /** The attempt could not be decided (the database failed): it counts as nothing. */
    public synchronized void abandoned(String username, String address) {
        accounts.undo(username);
    }

    /** Failures in a row of this account, for the log. */
    public synchronized int failures(String username) {
        return accounts.failures(username);
    }

    /** How long a key is locked after its {@code failures}-th failure in a row with {@code free} free ones. */
    static Duration lockAfter(int failures, int free) {
        if (failures < free) {
            return Duration.ZERO;
        }
        int doublings = failures - free;
        if (doublings >= 30) {
            return MAX_LOCK;
        }
        Duration lock = FIRST_LOCK.multipliedBy(1L << doublings);
        return lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock;
    }

    private static final class Counts {
        private final int free;
        private final Map<String, State> states = new HashMap<>();

        Counts(int free) {
            this.free = free;
        }

        private record State(int failures, Instant lastFailure, Instant lockedUntil) {
        }

        Optional<Duration> lockedFor(String key, Instant now) {
            State state = current(key, now);
            if (state == null || !now.isBefore(state.lockedUntil)) {
                return Optional.empty();
            }
            return Optional.of(Duration.between(now, state.lockedUntil));
        }

        void fail(String key, Instant now) {
            State state = current(key, now);
            int failures = state == null ? 1 : state.failures + 1;
            if (state == null && states.size() >= MAX_KEYS) {
                makeRoom(now);
            }
            states.put(key, new State(failures, now, now.plus(lockAfter(failures, free))));
        }

        void clear(String key) {
            states.remove(key);
        }

        void undo(String key) {
            State state = states.get(key);
            if (state == null) {
                return;
            }
            if (state.failures <= 1) {
                states.remove(key);
            } else {
                int failures = state.failures - 1;
                states.put(key, new State(failures, state.lastFailure,
                        state.lastFailure.plus(lockAfter(failures, free))));
            }
        }

        int failures(String key) {
            State state = states.get(key);
            return state == null ? 0 : state.failures;
        }

        private State current(String key, Instant now) {
            State state = states.get(key);
            if (state != null && !now.isBefore(state.lastFailure.plus(FORGET_AFTER))
                    && !now.isBefore(state.lockedUntil)) {
                states.remove(key);
                return null;
            }
            return state;
        }

        /** Forgets what has lapsed; if that is not enough, the tenth of the keys idle longest. */
        private void makeRoom(Instant now) {
            states.values().removeIf(s -> !now.isBefore(s.lastFailure.plus(FORGET_AFTER))
                    && !now.isBefore(s.lockedUntil));
            if (states.size() >= MAX_KEYS) {
                states.entrySet().stream()
                        .sorted(Map.Entry.comparingByValue(Comparator.comparing(State::lastFailure)))
                        .limit(MAX_KEYS / 10)
                        .map(Map.Entry::getKey)
                        .toList()
                        .forEach(states::remove);
            }
        }
    }
}

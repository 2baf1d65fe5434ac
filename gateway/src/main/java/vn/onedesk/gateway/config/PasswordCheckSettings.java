package vn.onedesk.gateway.config;

/**
 * How many slow password checks (PBKDF2: device logins, staff logins, officers' PINs) may run at once, and how
 * many may wait for one of those threads before a login is refused as busy.
 *
 * @param threads checks run at once; by default half the cores (at least 1), so that guessing can never take
 *                more than half the machine from ticketing
 * @param queue   checks that may wait; beyond that a login is refused at once (MQTT: CONNACK server
 *                unavailable or busy; HTTP: 503 with Retry-After)
 */
public record PasswordCheckSettings(int threads, int queue) {
    public static final int MAX_THREADS = 64;
    public static final int MAX_QUEUE = 10_000;
    /**
     * Room for a whole centre's devices reconnecting at once after a restart (the demo's 27 among them) while
     * keeping the longest wait at one thread to a few seconds (64 checks of about 60 ms).
     */
    public static final int DEFAULT_QUEUE = 64;

    public PasswordCheckSettings {
        if (threads < 1 || threads > MAX_THREADS) {
            throw new IllegalArgumentException("password check threads must be from 1 to " + MAX_THREADS + ", got "
                    + threads);
        }
        if (queue < 0 || queue > MAX_QUEUE) {
            throw new IllegalArgumentException("password check queue must be from 0 to " + MAX_QUEUE + ", got "
                    + queue);
        }
    }

    /** Half this machine's cores (at least one), with the default queue. */
    public static PasswordCheckSettings defaults() {
        return new PasswordCheckSettings(defaultThreads(), DEFAULT_QUEUE);
    }

    public static int defaultThreads() {
        return Math.max(1, Runtime.getRuntime().availableProcessors() / 2);
    }
}

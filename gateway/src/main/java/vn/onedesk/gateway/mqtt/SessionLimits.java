package vn.onedesk.gateway.mqtt;

import java.time.Duration;

/**
 * The bounds that keep persistent sessions from growing without limit. Sessions live in memory, so
 * every one of these is a memory bound as well as a protocol one.
 *
 * @param maxInFlight       QoS 1 messages sent to one connection and not yet acknowledged; the rest wait in order
 *                          (an MQTT 5 client's smaller Receive Maximum lowers it for that connection)
 * @param maxQueued         QoS 1 messages waiting for one session (offline, or behind a full window); when full,
 *                          the oldest is dropped: a display that sees a gap in {@code seq} re-reads the retained board
 * @param maxExpiry         how long a session outlives its connection: MQTT 3.1.1 sessions with clean session
 *                          false get exactly this, MQTT 5 sessions their own Session Expiry Interval capped at this
 * @param maxStoredSessions sessions kept for disconnected clients; beyond it the one offline longest is dropped
 * @param sweepInterval     how often expired sessions are looked for and freed
 */
public record SessionLimits(int maxInFlight, int maxQueued, Duration maxExpiry, int maxStoredSessions,
                            Duration sweepInterval) {
    public static final int MAX_IN_FLIGHT = 32;
    public static final int MAX_QUEUED = 1_000;
    public static final Duration MAX_EXPIRY = Duration.ofHours(24);
    public static final int MAX_STORED_SESSIONS = 100_000;
    public static final Duration SWEEP_INTERVAL = Duration.ofMinutes(1);

    public static final SessionLimits DEFAULTS =
            new SessionLimits(MAX_IN_FLIGHT, MAX_QUEUED, MAX_EXPIRY, MAX_STORED_SESSIONS, SWEEP_INTERVAL);

    public SessionLimits {
        // 65,535 packet ids exist; the window must leave room to find a free one quickly.
        if (maxInFlight < 1 || maxInFlight > 1024) {
            throw new IllegalArgumentException("maxInFlight must be within 1..1024: " + maxInFlight);
        }
        if (maxQueued < 1) {
            throw new IllegalArgumentException("maxQueued must be positive: " + maxQueued);
        }
        if (maxExpiry.isNegative() || maxExpiry.toSeconds() > 0xFFFF_FFFFL) {
            throw new IllegalArgumentException("maxExpiry must fit MQTT's four-byte seconds: " + maxExpiry);
        }
        if (maxStoredSessions < 0) {
            throw new IllegalArgumentException("maxStoredSessions must not be negative: " + maxStoredSessions);
        }
        if (sweepInterval.toMillis() < 1) {
            throw new IllegalArgumentException("sweepInterval must be at least a millisecond: " + sweepInterval);
        }
    }

    /** The Session Expiry Interval to use for a request of {@code requestedSeconds} (unsigned, as on the wire). */
    long cappedExpirySeconds(long requestedSeconds) {
        return Math.min(requestedSeconds, maxExpiry.toSeconds());
    }
}

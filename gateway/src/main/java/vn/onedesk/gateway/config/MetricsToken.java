package vn.onedesk.gateway.config;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The bearer token that Prometheus presents on {@code /metrics} ({@code gateway.metricsToken}, or
 * {@code ONEDESK_METRICS_TOKEN}). Only its SHA-256 is kept once the configuration is read, and a presented
 * token is compared by its SHA-256 in constant time, so neither a heap dump nor the time of a refusal tells
 * the token.
 */
public final class MetricsToken {
    /** Shorter tokens are refused at start: a token is typed once (into a file), so it can be long. */
    public static final int MIN_LENGTH = 16;

    private final byte[] sha256;

    private MetricsToken(byte[] sha256) {
        this.sha256 = sha256;
    }

    /** Null when the token is acceptable, else what is wrong with it (never the token itself). */
    static String problem(String token) {
        if (token.length() < MIN_LENGTH) {
            return "must be at least " + MIN_LENGTH + " characters (make one with: openssl rand -hex 32)";
        }
        if (!token.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return "must be printable ASCII without spaces, as an HTTP header carries it";
        }
        return null;
    }

    static MetricsToken of(String token) {
        return new MetricsToken(sha256(token));
    }

    /** Whether {@code presented} is the token; the comparison takes the same time wherever they differ. */
    public boolean matches(String presented) {
        return presented != null && MessageDigest.isEqual(sha256, sha256(presented));
    }

    /** Whether two configurations hold the same token (for the SIGHUP report, which never prints it). */
    @Override
    public boolean equals(Object other) {
        return other instanceof MetricsToken t && MessageDigest.isEqual(sha256, t.sha256);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(sha256);
    }

    @Override
    public String toString() {
        return "MetricsToken[***]";
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JDK", e);
        }
    }
}

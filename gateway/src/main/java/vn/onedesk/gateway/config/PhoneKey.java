package vn.onedesk.gateway.config;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the keyed hash (HMAC-SHA256) under which the gateway keeps citizens' phone numbers: a number is stored
 * only as this hash, so that the database alone (a dump, a backup) does not give back the numbers, which a plain
 * hash of the 10-digit space would in seconds. From {@code ONEDESK_PHONE_HASH_KEY} / {@code gateway.phoneHashKey};
 * without one, a random key for this process only (the hashes then change at a restart, so a phone's waiting remote
 * tickets stop counting against it: set one in production, the same on every node).
 */
public final class PhoneKey {
    /** Shorter keys are refused at start. */
    public static final int MIN_LENGTH = 32;

    private final byte[] key;
    private final boolean configured;

    private PhoneKey(byte[] key, boolean configured) {
        this.key = key;
        this.configured = configured;
    }

    /** Null when the key is acceptable, else what is wrong with it (never the key itself). */
    static String problem(String key) {
        return key.length() < MIN_LENGTH ? "must be at least " + MIN_LENGTH
                + " characters (make one with: openssl rand -hex 32)" : null;
    }

    static PhoneKey of(String key) {
        return new PhoneKey(key.getBytes(StandardCharsets.UTF_8), true);
    }

    /** A key kept by the gateway itself (the embedded database's data folder): as good as a configured one. */
    public static PhoneKey kept(byte[] key) {
        if (key.length < MIN_LENGTH) {
            throw new IllegalArgumentException("a phone key needs at least " + MIN_LENGTH + " bytes");
        }
        return new PhoneKey(key.clone(), true);
    }

    /** A key for this process only, when none is configured. */
    public static PhoneKey random() {
        byte[] key = new byte[32];
        new SecureRandom().nextBytes(key);
        return new PhoneKey(key, false);
    }

    public boolean configured() {
        return configured;
    }

    /** The keyed hash of a (normalised) phone number, in hex. */
    public String hash(String phone) {
        return HexFormat.of().formatHex(bytes(phone));
    }

    /** The keyed hash of a (normalised) phone number. */
    public byte[] bytes(String phone) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(phone.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PhoneKey k && MessageDigest.isEqual(key, k.key);
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(key);
    }

    @Override
    public String toString() {
        return "PhoneKey[***]";
    }
}

package vn.onedesk.gateway.devices;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * How a device's password is stored. Real configurations hold PBKDF2-SHA256 hashes
 * ({@code pbkdf2-sha256$iterations$salt$hash}, Base64); the built-in demo alone may hold plain text.
 * Verifying a PBKDF2 hash is deliberately slow: callers run it off the event loop.
 */
public sealed interface PasswordHash {
    int DEFAULT_ITERATIONS = 210_000;

    boolean matches(char[] password);

    /** Whether {@link #matches} is slow enough that it must not run on an event loop. */
    boolean isExpensive();

    record Pbkdf2(int iterations, byte[] salt, byte[] hash) implements PasswordHash {
        @Override
        public boolean matches(char[] password) {
            return MessageDigest.isEqual(hash, derive(password, salt, iterations, hash.length));
        }

        @Override
        public boolean isExpensive() {
            return true;
        }

        public String encoded() {
            Base64.Encoder b64 = Base64.getEncoder().withoutPadding();
            return "pbkdf2-sha256$" + iterations + "$" + b64.encodeToString(salt) + "$" + b64.encodeToString(hash);
        }

        /** The same hash, whichever arrays hold it: a device saved again unchanged keeps its connection. */
        @Override
        public boolean equals(Object other) {
            return other instanceof Pbkdf2 p && p.iterations == iterations && Arrays.equals(p.salt, salt)
                    && Arrays.equals(p.hash, hash);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * iterations + Arrays.hashCode(salt)) + Arrays.hashCode(hash);
        }

        @Override
        public String toString() {
            return "Pbkdf2[iterations=" + iterations + "]"; // never the salt or the hash in a log
        }
    }

    /** Only for the built-in demo centre, whose passwords are published in the README anyway. */
    record DemoPlainText(String password) implements PasswordHash {
        @Override
        public boolean matches(char[] candidate) {
            return MessageDigest.isEqual(password.getBytes(StandardCharsets.UTF_8),
                    new String(candidate).getBytes(StandardCharsets.UTF_8));
        }

        @Override
        public boolean isExpensive() {
            return false;
        }
    }

    static Pbkdf2 create(char[] password) {
        byte[] salt = new byte[16];
        new SecureRandom().nextBytes(salt);
        return new Pbkdf2(DEFAULT_ITERATIONS, salt, derive(password, salt, DEFAULT_ITERATIONS, 32));
    }

    /** Parses the stored form; the message of the exception says what is wrong with it. */
    static Pbkdf2 parse(String encoded) {
        String[] parts = encoded.split("\\$");
        if (parts.length != 4 || !parts[0].equals("pbkdf2-sha256")) {
            throw new IllegalArgumentException("passwordHash must look like pbkdf2-sha256$ITERATIONS$SALT$HASH"
                    + " (make one with: java -jar onedesk-gateway.jar hash-password)");
        }
        try {
            int iterations = Integer.parseInt(parts[1]);
            if (iterations < 10_000) {
                throw new IllegalArgumentException("passwordHash uses " + iterations
                        + " iterations; at least 10000 are required");
            }
            Base64.Decoder b64 = Base64.getDecoder();
            return new Pbkdf2(iterations, b64.decode(parts[2]), b64.decode(parts[3]));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("passwordHash iterations is not a number");
        }
    }

    private static byte[] derive(char[] password, byte[] salt, int iterations, int bytes) {
        try {
            PBEKeySpec spec = new PBEKeySpec(password, salt, iterations, bytes * 8);
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is missing from this JDK", e);
        }
    }
}

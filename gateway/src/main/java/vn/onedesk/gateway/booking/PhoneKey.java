package vn.onedesk.gateway.booking;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The key of the phone numbers' hash: HMAC-SHA256 of the number, so that the {@code bookings} table cannot be
 * reversed by hashing every phone number (there are only about 10^9) without this key, which is not in the database.
 * It comes from {@code ONEDESK_PHONE_KEY} (at least 32 characters; every node of a cluster needs the same), or else,
 * with the embedded database, from {@code <dataDir>/phone-hash.key}, made with 32 random bytes at the first start
 * (mode 0600, beside the database's passwords); with an external database and no variable, a random key of this
 * process (said in the log). Losing the key only forgets which bookings share a number: the limit per phone starts
 * again.
 */
public final class PhoneKey {
    public static final String VARIABLE = "ONEDESK_PHONE_KEY";
    static final String FILE = "phone-hash.key";
    private final byte[] key;

    PhoneKey(byte[] key) {
        if (key.length < 32) {
            throw new IllegalArgumentException("the phone key needs at least 32 bytes");
        }
        this.key = key.clone();
    }

    /**
     * The key from the variable, or the data folder's file (made when missing), or a random one when there is no
     * data folder of the gateway's own ({@code dataDir} null: an external database). Blocking: call off the event loop.
     */
    public static PhoneKey load(Optional<String> variable, Path dataDir) throws IOException {
        if (variable.isPresent()) {
            byte[] given = variable.get().getBytes(StandardCharsets.UTF_8);
            if (given.length < 32) {
                throw new IllegalArgumentException(VARIABLE + " must be at least 32 characters");
            }
            return new PhoneKey(given);
        }
        if (dataDir == null) {
            java.util.logging.Logger.getLogger(PhoneKey.class.getName()).info("bookings: no " + VARIABLE
                    + " set and no data folder of the gateway's own (an external database): the phone numbers' hash"
                    + " key is random for this process, so the limit of bookings per phone number starts again at a"
                    + " restart; set " + VARIABLE + " (at least 32 characters) to keep it");
            return random();
        }
        Files.createDirectories(dataDir);
        Path file = dataDir.resolve(FILE);
        if (!Files.exists(file)) {
            byte[] fresh = new byte[32];
            new SecureRandom().nextBytes(fresh);
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (java.nio.file.FileAlreadyExistsException e) {
                return new PhoneKey(Base64.getDecoder().decode(Files.readString(file).trim()));
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.WRITE);
            return new PhoneKey(fresh);
        }
        return new PhoneKey(Base64.getDecoder().decode(Files.readString(file).trim()));
    }

    /** A random key, for tests and tools that keep nothing. */
    public static PhoneKey random() {
        byte[] fresh = new byte[32];
        new SecureRandom().nextBytes(fresh);
        return new PhoneKey(fresh);
    }

    /** HMAC-SHA256 of the phone number in its one form. */
    byte[] hash(String normalisedPhone) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(normalisedPhone.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}

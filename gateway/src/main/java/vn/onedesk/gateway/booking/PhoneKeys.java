package vn.onedesk.gateway.booking;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import vn.onedesk.gateway.config.PhoneKey;

/**
 * Where the key of the phone numbers' hash comes from, for bookings and remote tickets alike: the configured one
 * ({@code ONEDESK_PHONE_HASH_KEY} / {@code gateway.phoneHashKey}, the same on every node of a cluster), or else, with
 * the embedded database, {@code <dataDir>/phone-hash.key}, made with 32 random bytes at the first start (mode 0600,
 * beside the database's passwords), so that a restart keeps it; with an external database and no key configured, a
 * random key of this process (said in the log). Losing the key only forgets which bookings and remote tickets share a
 * number: the limits per phone start again.
 */
public final class PhoneKeys {
    static final String FILE = "phone-hash.key";

    private PhoneKeys() {
    }

    /** Blocking (the data folder's file): call off the event loop. */
    public static PhoneKey resolve(PhoneKey configured, Path dataDir) throws IOException {
        if (configured.configured()) {
            return configured;
        }
        if (dataDir == null) {
            java.util.logging.Logger.getLogger(PhoneKeys.class.getName()).info("no ONEDESK_PHONE_HASH_KEY set and no"
                    + " data folder of the gateway's own (an external database): the phone numbers' hash key is"
                    + " random for this process, so the limits per phone number of bookings and remote tickets start"
                    + " again at a restart; set ONEDESK_PHONE_HASH_KEY (at least 32 characters) to keep it");
            return configured;
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
                return PhoneKey.kept(Base64.getDecoder().decode(Files.readString(file).trim()));
            }
            Files.writeString(file, Base64.getEncoder().encodeToString(fresh) + "\n", StandardOpenOption.WRITE);
            return PhoneKey.kept(fresh);
        }
        return PhoneKey.kept(Base64.getDecoder().decode(Files.readString(file).trim()));
    }
}

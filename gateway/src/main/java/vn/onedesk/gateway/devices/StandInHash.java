package vn.onedesk.gateway.devices;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * The hash a password is checked against when there is nothing real to check it against: an unknown device id, a
 * disabled device, an unknown staff username, an officer without a PIN. It is a random password's hash at the
 * iterations every hash the gateway makes has ({@link PasswordHash#DEFAULT_ITERATIONS}), so the check costs what a
 * real one does and neither the answer nor its time tells whether the id exists. Made once per JVM; nothing can
 * match it, since its password is thrown away.
 */
public final class StandInHash {
    private StandInHash() {
    }

    private static final class Holder {
        private static final PasswordHash.Pbkdf2 HASH = PasswordHash.create(randomPassword());
    }

    /** Blocking (PBKDF2) the first time: call it on a worker, or {@link #prepare} it at start. */
    public static PasswordHash.Pbkdf2 hash() {
        return Holder.HASH;
    }

    /** Computes the hash now, so that the first unknown id does not pay for it (which would show in its time). */
    public static void prepare() {
        hash();
    }

    private static char[] randomPassword() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes).toCharArray();
    }
}

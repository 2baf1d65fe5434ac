package vn.onedesk.gateway.devices;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The hashes stored for the built-in demo's published device passwords. The database holds hashes only, and
 * hashing is slow on purpose, so each distinct demo password is hashed once per JVM and its devices share the
 * hash (tests start many demo gateways; the demo has 51 devices with one password). Acceptable only for passwords
 * printed in the README; every other password gets a salt of its own.
 */
public final class DemoPasswords {
    private static final Map<String, PasswordHash.Pbkdf2> HASHES = new ConcurrentHashMap<>();

    private DemoPasswords() {
    }

    /** Blocking (PBKDF2 the first time): call it on a worker. */
    public static PasswordHash.Pbkdf2 hash(PasswordHash.DemoPlainText plain) {
        return HASHES.computeIfAbsent(plain.password(), p -> PasswordHash.create(p.toCharArray()));
    }
}

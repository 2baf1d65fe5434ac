package vn.onedesk.gateway.config;

import java.nio.file.Path;
import java.util.Optional;
import java.util.Set;
import vn.onedesk.gateway.devices.DeviceRole;

/**
 * TLS for MQTT (its own port), HTTPS and WSS (the HTTP port), from PEM files; and whether plain listeners may run.
 *
 * @param cert            the server certificate chain (PEM, the server's certificate first); empty = TLS off
 * @param key             its private key (PEM: PKCS#8, PKCS#1 RSA or SEC1 EC, unencrypted)
 * @param clientCa        the CA (PEM) that signs the client certificates of devices whose role is in
 *                        {@code clientCertRoles}; empty = no device needs one
 * @param clientCertRoles the device roles that must present a client certificate signed by {@code clientCa}
 * @param mqttsPort       MQTT over TLS; 0 picks a free port (tests)
 * @param allowPlaintext  a real configuration may run without TLS, or keep its plain listeners beside TLS
 */
public record TlsSettings(Optional<Path> cert, Optional<Path> key, Optional<Path> clientCa,
                          Set<DeviceRole> clientCertRoles, int mqttsPort, boolean allowPlaintext) {
    /** The IANA port of MQTT over TLS. */
    public static final int DEFAULT_MQTTS_PORT = 8883;
    /** No TLS (the demo's default), plain listeners not explicitly allowed. */
    public static final TlsSettings OFF = new TlsSettings(Optional.empty(), Optional.empty(), Optional.empty(),
            Set.of(), DEFAULT_MQTTS_PORT, false);

    public TlsSettings {
        cert = cert == null ? Optional.empty() : cert;
        key = key == null ? Optional.empty() : key;
        clientCa = clientCa == null ? Optional.empty() : clientCa;
        clientCertRoles = clientCertRoles == null ? Set.of() : Set.copyOf(clientCertRoles);
    }

    /** TLS is on: a certificate and its key are configured. */
    public boolean enabled() {
        return cert.isPresent() && key.isPresent();
    }

    /**
     * Whether the plain MQTT listener runs: always without TLS (a real configuration gets there only with
     * {@code allowPlaintext}, which {@link ConfigLoader} checks), always in the demo (the README's mosquitto
     * commands), and beside TLS in a real configuration only when {@code allowPlaintext} says so.
     */
    public boolean plainListener(boolean demo) {
        return !enabled() || demo || allowPlaintext;
    }

    /** Whether a device of this role must present a client certificate signed by {@link #clientCa}. */
    public boolean requiresClientCertificate(DeviceRole role) {
        return clientCa.isPresent() && clientCertRoles.contains(role);
    }

    public TlsSettings withMqttsPort(int port) {
        return new TlsSettings(cert, key, clientCa, clientCertRoles, port, allowPlaintext);
    }
}

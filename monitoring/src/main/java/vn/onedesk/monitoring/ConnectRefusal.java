package vn.onedesk.monitoring;

/** Why an MQTT CONNECT was refused. */
public enum ConnectRefusal {
    /** Unknown device, wrong password or no credentials. */
    BAD_CREDENTIALS,
    /** The credentials could not be checked. */
    SERVER_UNAVAILABLE,
    /** The client id is held by another device (connected, or its stored session). */
    CLIENT_ID_TAKEN,
    /** Too many failed logins of this device id or from this address: refused without checking the password. */
    THROTTLED,
    /** Every password-check thread busy and the queue full: refused without checking the password. */
    BUSY,
    /** The device's role must present a client certificate (mutual TLS), and the connection did not. */
    NO_CLIENT_CERTIFICATE;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

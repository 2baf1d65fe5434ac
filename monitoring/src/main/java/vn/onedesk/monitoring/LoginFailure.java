package vn.onedesk.monitoring;

/** Why a staff member's login over HTTP was refused. */
public enum LoginFailure {
    /** No account has this username (the password was still checked, against a stand-in hash). */
    UNKNOWN_USER,
    /** The account exists and the password is wrong. */
    WRONG_PASSWORD,
    /** The account exists and is disabled (refused whether or not the password was right). */
    DISABLED,
    /** Too many failures for this account or this address: refused without checking the password. */
    THROTTLED,
    /** Every password-check thread busy and the queue full: answered 503, the password not checked. */
    BUSY;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}

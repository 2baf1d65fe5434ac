package vn.onedesk.protocol.ticketing;

import java.util.Locale;
import java.util.regex.Pattern;
import vn.onedesk.protocol.Fields;

/**
 * The confirmation codes of remote tickets: {@value #LENGTH} characters of an alphabet without the look-alikes
 * (no 0/O, 1/I/L), so that a citizen reading one aloud or typing it at the kiosk cannot mistake them. Case, spaces
 * and dashes are ignored on the way in ("k7m-3qx" is K7M3QX); a USB scanner that reads the code's QR types it.
 */
public final class RemoteCodes {
    public static final String ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";
    public static final int LENGTH = 6;
    private static final Pattern SHAPE = Pattern.compile("[" + ALPHABET + "]{" + LENGTH + "}");

    private RemoteCodes() {
    }

    /** The code in its canonical form (capitals, nothing else), or INVALID_FIELD naming {@code field}. */
    public static String normalised(String field, String value) {
        String code = value == null ? "" : value.replaceAll("[\\s-]", "").toUpperCase(Locale.ROOT);
        if (!SHAPE.matcher(code).matches()) {
            throw new Fields.InvalidFieldException(field, "'" + field + "' must be a remote ticket's code: "
                    + LENGTH + " letters and digits (such as K7M3QX)");
        }
        return code;
    }
}

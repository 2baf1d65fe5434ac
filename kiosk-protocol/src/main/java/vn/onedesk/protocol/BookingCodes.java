package vn.onedesk.protocol;

import java.util.regex.Pattern;

/**
 * Booking codes (mã đặt lịch), as the gateway makes them when a citizen books a slot: {@value #LENGTH} characters
 * from an alphabet without the look-alikes 0/O and 1/I ({@value #ALPHABET}), so that a citizen can read one out or
 * type it at the kiosk; a QR code or a USB barcode scanner types the same. 40 random bits per centre: the code names
 * the booking, the separate secret cancels it.
 */
public final class BookingCodes {
    public static final String ALPHABET = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";
    public static final int LENGTH = 8;
    private static final Pattern CODE = Pattern.compile("[2-9A-HJ-NP-Z]{" + LENGTH + "}");

    private BookingCodes() {
    }

    /** Whether the value has the shape of a booking code. */
    public static boolean valid(String value) {
        return value != null && CODE.matcher(value).matches();
    }

    /** One code in {@code field}; null stays null (the field is optional). A wrong shape is INVALID_FIELD. */
    public static String optional(String field, String value) {
        if (value != null && !valid(value)) {
            throw new Fields.InvalidFieldException(field, "'" + field + "' must be a booking code: " + LENGTH
                    + " characters from " + ALPHABET, ErrorCode.INVALID_FIELD);
        }
        return value;
    }
}

package vn.onedesk.protocol;

import java.util.regex.Pattern;

/** Checks shared by the message records; each failure names the field as it appears on the wire. */
public final class Fields {
    /**
     * Identifiers on the wire: ids, request ids, codes, as {@code [A-Za-z0-9][A-Za-z0-9._:-]{0,63}}. Bounded so a
     * device cannot bloat storage.
     */
    private static final String IDENTIFIER_PUNCTUATION = "._:-";

    private Fields() {
    }

    public static String required(String field, String value) {
        if (value == null || value.isBlank()) {
            throw new InvalidFieldException(field, "'" + field + "' is required");
        }
        return value;
    }

    public static String identifier(String field, String value) {
        required(field, value);
        if (!AsciiIdentifiers.matches(value, 0, value.length(), IDENTIFIER_PUNCTUATION)) {
            throw new InvalidFieldException(field, "'" + field
                    + "' must be 1-64 letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }
        return value;
    }

    /** A ticket number as printed: one or two capital letters (the service's prefix), then digits. */
    private static final Pattern TICKET_NUMBER = Pattern.compile("[A-Z]{1,2}[0-9]{1,6}");

    /** A ticket number as printed, e.g. "A023"; the error names the field. */
    public static String ticketNumber(String field, String value) {
        required(field, value);
        if (!TICKET_NUMBER.matcher(value).matches()) {
            throw new InvalidFieldException(field, "'" + field
                    + "' must be a ticket number as printed: one or two capital letters, then digits (A023)");
        }
        return value;
    }

    public static String optionalIdentifier(String field, String value) {
        return value == null ? null : identifier(field, value);
    }

    public static <T> T requiredValue(String field, T value) {
        if (value == null) {
            throw new InvalidFieldException(field, "'" + field + "' is required");
        }
        return value;
    }

    /** Raised by message records when a field breaks the schema; the codec turns it into MALFORMED. */
    public static final class InvalidFieldException extends IllegalArgumentException {
        private final String field;
        private final ErrorCode code;

        public InvalidFieldException(String field, String message) {
            this(field, message, ErrorCode.MALFORMED);
        }

        public InvalidFieldException(String field, String message, ErrorCode code) {
            super(message);
            this.field = field;
            this.code = code;
        }

        public String field() {
            return field;
        }

        public ErrorCode code() {
            return code;
        }
    }
}

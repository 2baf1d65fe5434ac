package vn.onedesk.protocol;

/**
 * An error as it travels on the wire, the same shape on every MQTT reply and HTTP error:
 *
 * @param code    the stable code; devices switch on it, never on the texts
 * @param message the code's fixed text in the language the request asked for (Vietnamese by default), for people
 * @param detail  in English, what exactly was wrong: the offending field, the queue's explanation
 */
public record ErrorView(ErrorCode code, String message, String detail) {
    /**
     * The longest detail sent, in characters; a longer one (one that repeats what a device sent, such as a
     * topic filter) is cut there and ends with "…", so no one can make the gateway send back a large echo.
     */
    public static final int MAX_DETAIL_CHARS = 500;

    public ErrorView {
        Fields.requiredValue("code", code);
        // The gateway always sends both texts; a client reading an error without them gets the code's own.
        if (message == null || message.isBlank()) {
            message = code.message(Language.DEFAULT);
        }
        if (detail == null || detail.isBlank()) {
            detail = code.englishMessage();
        } else if (detail.length() > MAX_DETAIL_CHARS) {
            int end = Character.isHighSurrogate(detail.charAt(MAX_DETAIL_CHARS - 1)) ? MAX_DETAIL_CHARS - 1
                    : MAX_DETAIL_CHARS;
            detail = detail.substring(0, end) + "…";
        }
    }
}

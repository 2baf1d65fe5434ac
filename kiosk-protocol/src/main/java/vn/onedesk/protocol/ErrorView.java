package vn.onedesk.protocol;

/**
 * An error as it travels on the wire, the same shape on every MQTT reply and HTTP error:
 *
 * @param code    the stable code; devices switch on it, never on the texts
 * @param message the code's fixed text in the language the request asked for (Vietnamese by default), for people
 * @param detail  in English, what exactly was wrong: the offending field, the queue's explanation
 */
public record ErrorView(ErrorCode code, String message, String detail) {
    public ErrorView {
        Fields.requiredValue("code", code);
        // The gateway always sends both texts; a client reading an error without them gets the code's own.
        if (message == null || message.isBlank()) {
            message = code.message(Language.DEFAULT);
        }
        if (detail == null || detail.isBlank()) {
            detail = code.englishMessage();
        }
    }
}

package vn.onedesk.protocol;

import java.util.Objects;

/**
 * An error as the gateway decides it: a stable code and the precise English detail of what exactly was wrong
 * (the offending field, the queue's explanation), never a class name or stack trace. It goes on the wire as
 * an {@link ErrorView}, {@code {code, message, detail}}, whose message is the code's fixed text in the language
 * the request asked for: see {@link #view(Language)}.
 */
public record ProtocolError(ErrorCode code, String detail) {
    public ProtocolError {
        Objects.requireNonNull(code, "code");
        if (detail == null || detail.isBlank()) {
            detail = code.englishMessage();
        }
    }

    /** The error with no more to say than its code: the detail is the code's English text. */
    public static ProtocolError of(ErrorCode code) {
        return new ProtocolError(code, null);
    }

    public static ProtocolError of(ErrorCode code, String detail) {
        return new ProtocolError(code, detail);
    }

    /** The error as a reply in this language carries it: the code, its text in that language, the detail. */
    public ErrorView view(Language language) {
        return new ErrorView(code, code.message(language), detail);
    }
}

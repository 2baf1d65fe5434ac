package vn.onedesk.protocol;

import java.util.Objects;

/** An error as it travels on the wire: a stable code and a message a person can read. */
public record ProtocolError(ErrorCode code, String message) {
    public ProtocolError {
        Objects.requireNonNull(code, "code");
        if (message == null || message.isBlank()) {
            message = code.defaultMessage();
        }
    }

    public static ProtocolError of(ErrorCode code) {
        return new ProtocolError(code, code.defaultMessage());
    }

    public static ProtocolError of(ErrorCode code, String message) {
        return new ProtocolError(code, message);
    }
}

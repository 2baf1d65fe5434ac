package vn.onedesk.protocol;

import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of decoding a payload: the message, or the error to send back.
 * The request id is kept even for a malformed message, when it could be read, so that
 * the device can match the error to what it sent.
 */
public sealed interface Decoded<T> {

    record Ok<T>(T message) implements Decoded<T> {
    }

    record Failed<T>(ProtocolError error, Optional<String> requestId) implements Decoded<T> {
    }

    static <T> Decoded<T> ok(T message) {
        return new Ok<>(message);
    }

    static <T> Decoded<T> failed(ProtocolError error, Optional<String> requestId) {
        return new Failed<>(error, requestId);
    }

    default <R> R fold(Function<T, R> onOk, Function<Failed<T>, R> onFailed) {
        if (this instanceof Ok<T> ok) {
            return onOk.apply(ok.message());
        }
        return onFailed.apply((Failed<T>) this);
    }

    /** The message, or an {@link IllegalStateException} naming the error: for tests and tools. */
    default T orThrow() {
        if (this instanceof Ok<T> ok) {
            return ok.message();
        }
        Failed<T> failed = (Failed<T>) this;
        throw new IllegalStateException(failed.error().code() + ": " + failed.error().message());
    }
}

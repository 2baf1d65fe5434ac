package vn.onedesk.protocol;

import java.util.Optional;
import java.util.function.Function;

/**
 * The outcome of decoding a payload: the message, or the error to send back.
 * The request id and the language are kept even for a malformed message, when they could be read, so that
 * the device can match the error to what it sent and read it in the language it asked for.
 */
public sealed interface Decoded<T> {

    record Ok<T>(T message) implements Decoded<T> {
    }

    /**
     * @param requestId the payload's {@code requestId}, when it is a readable one
     * @param language  the payload's {@code language}, when it is {@code "vi"} or {@code "en"}
     */
    record Failed<T>(ProtocolError error, Optional<String> requestId, Optional<Language> language)
            implements Decoded<T> {

        /** The language to answer in: the one the payload asked for, else Vietnamese. */
        public Language replyLanguage() {
            return language.orElse(Language.DEFAULT);
        }
    }

    static <T> Decoded<T> ok(T message) {
        return new Ok<>(message);
    }

    static <T> Decoded<T> failed(ProtocolError error, Optional<String> requestId) {
        return new Failed<>(error, requestId, Optional.empty());
    }

    static <T> Decoded<T> failed(ProtocolError error, Optional<String> requestId, Optional<Language> language) {
        return new Failed<>(error, requestId, language);
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
        throw new IllegalStateException(failed.error().code() + ": " + failed.error().detail());
    }
}

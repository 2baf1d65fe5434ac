package vn.onedesk.protocol;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Optional;

/**
 * The language of the text a person reads in a reply: an error's {@code message}. A request may ask for one
 * with its optional {@code language} field; without it, or when the request could not be read, replies are
 * in Vietnamese. On the wire the values are {@code "vi"} and {@code "en"}; any other value is MALFORMED.
 */
public enum Language {
    VI("vi"),
    EN("en");

    /** What a reply is in when its request did not say, or could not be read. */
    public static final Language DEFAULT = VI;

    private final String code;

    Language(String code) {
        this.code = code;
    }

    /** The wire value, {@code "vi"} or {@code "en"}. */
    @JsonValue
    public String code() {
        return code;
    }

    /** The language with this wire value, if it is one. */
    public static Optional<Language> of(String code) {
        // read for every request that names one: two comparisons, not a stream over a copy of values()
        for (Language language : ALL) {
            if (language.code.equals(code)) {
                return Optional.of(language);
            }
        }
        return Optional.empty();
    }

    private static final Language[] ALL = values();

    /** Reads the wire value; anything else names the field, so that the codec answers it as MALFORMED. */
    @JsonCreator
    static Language fromJson(String code) {
        return of(code).orElseThrow(() ->
                new Fields.InvalidFieldException("language", "'language' must be \"vi\" or \"en\""));
    }

    @Override
    public String toString() {
        return code;
    }
}

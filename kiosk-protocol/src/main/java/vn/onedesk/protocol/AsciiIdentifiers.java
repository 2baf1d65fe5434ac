package vn.onedesk.protocol;

/**
 * The character rule of the protocol's identifiers and topic segments, checked by hand: a letter or digit (ASCII),
 * then up to 63 letters, digits or the given punctuation. The same as the regular expressions in the AsyncAPI
 * document, without a {@code Matcher} per check: every inbound message checks its topic's segments and its ids.
 */
final class AsciiIdentifiers {
    static final int MAX_LENGTH = 64;

    private AsciiIdentifiers() {
    }

    /** Whether {@code value[from, to)} is an identifier whose characters after the first are letters, digits or in {@code punctuation}. */
    static boolean matches(String value, int from, int to, String punctuation) {
        int length = to - from;
        if (length < 1 || length > MAX_LENGTH || !letterOrDigit(value.charAt(from))) {
            return false;
        }
        for (int i = from + 1; i < to; i++) {
            char c = value.charAt(i);
            if (!letterOrDigit(c) && punctuation.indexOf(c) < 0) {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9');
    }
}

package vn.onedesk.gateway.ticketing;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.regex.Pattern;

/**
 * The public tokens of tickets: what the QR code on a slip and the citizen's page {@code /ticket/{token}} carry
 * instead of the internal ticket id. A token is 128 bits from {@link SecureRandom} in URL-safe Base64 without
 * padding (22 characters), so it cannot be guessed or counted to: whoever holds the slip can follow the ticket,
 * and nobody else can. Made by the gateway when a kiosk asks for a ticket, stored with the ticket in the same
 * commit; the queue engine, which knows no randomness, never sees it.
 *
 * <p>{@code new SecureRandom()} on Linux reads {@code /dev/urandom}, which never blocks, so making a token on an
 * event loop is safe.
 */
public final class TicketTokens {
    /** Random bytes per token: 128 bits. */
    static final int BYTES = 16;
    /** What a token looks like: 22 characters of the URL-safe Base64 alphabet. */
    private static final Pattern SHAPE = Pattern.compile("[A-Za-z0-9_-]{22}");
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();

    private final SecureRandom random;

    public TicketTokens() {
        this(new SecureRandom());
    }

    TicketTokens(SecureRandom random) {
        this.random = random;
    }

    /** A fresh token. */
    public String next() {
        byte[] bytes = new byte[BYTES];
        random.nextBytes(bytes);
        return ENCODER.encodeToString(bytes);
    }

    /** Whether the text has a token's shape; anything else is answered as unknown without asking the database. */
    public static boolean plausible(String text) {
        return text != null && SHAPE.matcher(text).matches();
    }
}

package vn.onedesk.gateway.ticketing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class TicketTokensTest {

    @Test
    void everyTokenIs128RandomBitsIn22UrlSafeCharactersAndNoTwoOfTenThousandAreAlike() {
        TicketTokens tokens = new TicketTokens();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String token = tokens.next();
            assertTrue(token.matches("[A-Za-z0-9_-]{22}"), token);
            assertTrue(TicketTokens.plausible(token), token);
            assertEquals(16, Base64.getUrlDecoder().decode(token).length, token);
            assertTrue(seen.add(token), "a second " + token);
        }
    }

    @Test
    void anInternalTicketIdOrAnythingNotShapedLikeATokenIsNotPlausible() {
        for (String text : new String[] {null, "", "0b7e2a4c-7d4e-4c1a-9a57-3f1c2d8e9b10", "A001", "short",
                "q3Vd0T5c1mXnYB8kZ2uR7w=", "q3Vd0T5c1mXnYB8kZ2uR7", "q3Vd0T5c1mXnYB8kZ2uR/w", "q3Vd0T5c1mXnYB8kZ2uR7wX"}) {
            assertFalse(TicketTokens.plausible(text), text);
        }
    }
}

package vn.onedesk.protocol.rating;

import java.time.Instant;
import vn.onedesk.protocol.Fields;

/**
 * Gateway → rating pad on {@code onedesk/v1/{c}/counters/{counterId}/rating/prompt}, retained: the counter has just
 * completed this ticket, and the pad may take its rating until {@code expiresAt}. When the ticket is rated or the
 * window ends, the gateway clears the retained prompt with an empty message (zero bytes): the pad goes back to idle.
 *
 * @param ticket  the ticket's number, e.g. "A023", which the pad sends back with the rating
 * @param service the service code of the leg that completed
 * @param officer the display name of the officer who served; absent when the centre hides officers' names
 *                ({@code showOfficerName} false) or nobody was bound to the counter
 */
public record RatingPrompt(String ticket, String service, String officer, Instant expiresAt) {
    public RatingPrompt {
        Fields.required("ticket", ticket);
        Fields.required("service", service);
        Fields.requiredValue("expiresAt", expiresAt);
    }
}

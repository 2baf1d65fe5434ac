package vn.onedesk.gateway.persistence;

import java.time.Instant;
import java.util.Objects;

/**
 * One dossier seen in one visit, a row of {@code dossier_visits}: received at a counter (COMPLETE or TRANSFER with
 * {@code dossiers}) or brought to a kiosk by a citizen collecting its result. Codes, tickets, counters and officers
 * only: nothing that names the citizen.
 *
 * @param counter      the counter that received it; null for COLLECTING
 * @param officer      the officer bound to that counter then; null when nobody was, and for COLLECTING
 * @param operator     the operator of that counter (POSTAL, BHXH ...); null for COLLECTING
 * @param returnByPost for RECEIVED: whether the result goes back by post (BCCI); null for COLLECTING
 */
public record DossierVisit(String code, String ticketId, String number, String service, String counter,
                           String officer, String operator, Boolean returnByPost, Kind kind, Instant at) {
    public enum Kind {
        /** An officer received the dossier (COMPLETE or TRANSFER). */
        RECEIVED,
        /** A citizen took a ticket to collect the dossier's result. */
        COLLECTING
    }

    public DossierVisit {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(ticketId, "ticketId");
        Objects.requireNonNull(number, "number");
        Objects.requireNonNull(service, "service");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
        if ((kind == Kind.RECEIVED) != (returnByPost != null)) {
            throw new IllegalArgumentException("a dossier received says whether it goes by post; one collected does not");
        }
    }
}

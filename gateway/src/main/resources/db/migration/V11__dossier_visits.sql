-- Dossiers (hồ sơ) seen at the counters and the kiosks, for one lookup: when a citizen comes back to collect a result
-- with their dossier code, the counter that calls them sees the dossier's earlier visits (which service, when, which
-- officer, whether the result goes by post). Written in the same commit as the events they come from
-- (ServiceCompleted and TicketTransferred with "dossiers": RECEIVED; TicketIssued with "dossier": COLLECTING), which
-- stay the record for reports. Nothing here names the citizen: no name, address or ID number is stored anywhere; the
-- address for a postal return (BCCI) stays in Vietnam Post's own system. Deleted with the ticket rows of their day
-- by the retention job.
CREATE TABLE dossier_visits (
    visit_id        bigserial PRIMARY KEY,
    centre_id       text NOT NULL REFERENCES centres (centre_id),
    code            text NOT NULL,
    ticket_id       text NOT NULL,
    number          text NOT NULL,
    service         text NOT NULL,
    counter_id      text,
    officer_id      text,
    operator        text,
    return_by_post  boolean,
    kind            text NOT NULL CHECK (kind IN ('RECEIVED', 'COLLECTING')),
    at              timestamptz NOT NULL,
    CHECK ((kind = 'RECEIVED') = (return_by_post IS NOT NULL))
);
CREATE INDEX dossier_visits_by_code ON dossier_visits (centre_id, code, at);
CREATE INDEX dossier_visits_by_ticket ON dossier_visits (ticket_id);
CREATE INDEX dossier_visits_by_time ON dossier_visits (centre_id, at);

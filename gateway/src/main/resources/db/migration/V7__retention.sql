-- Retention (README "Data protection"): the detail of old days is deleted, and before a day's events go, the
-- figures its reports need are kept here, so that a report of that day, or of a period that holds it, stays the same.

-- A centre's local day whose report figures are in report_day_steps: from then on, reports read the day from there
-- and no longer from events (which may be partly or wholly deleted).
CREATE TABLE report_days (
    centre_id      text NOT NULL REFERENCES centres (centre_id),
    day            date NOT NULL,
    summarised_at  timestamptz NOT NULL,
    PRIMARY KEY (centre_id, day)
);

-- What the day's tickets did, as the reports count it (TicketLegs' steps), grouped by service, counter, officer and
-- step, with nothing that identifies a ticket or a citizen. `seq` keeps the order in which each group first happened,
-- so that lines appear in the same order. `durations` holds each wait (step 'WAITED') or each known service time
-- (step 'SERVED') in nanoseconds: a p90 over any period needs every wait.
CREATE TABLE report_day_steps (
    centre_id  text NOT NULL,
    day        date NOT NULL,
    seq        integer NOT NULL,
    step       text NOT NULL,
    service    text NOT NULL,
    counter_id text,
    officer_id text,
    count      integer NOT NULL,
    durations  bigint[] NOT NULL DEFAULT '{}',
    PRIMARY KEY (centre_id, day, seq),
    FOREIGN KEY (centre_id, day) REFERENCES report_days (centre_id, day) ON DELETE CASCADE
);

-- Each purge, for its metrics and to know at start whether one is overdue.
CREATE TABLE retention_runs (
    run_at     timestamptz PRIMARY KEY,
    purged     jsonb NOT NULL
);

-- What is left to erase: finished tickets of closed days keep only whether they had a priority group (ERASED), not
-- which. Partial indexes, so that each night's erasure looks only at what it has not erased yet.
CREATE INDEX tickets_priority_to_erase ON tickets (centre_id, service_day) WHERE priority NOT IN ('NONE', 'ERASED');
CREATE INDEX events_priority_to_erase ON events (centre_id, occurred_at)
    WHERE type = 'TicketIssued' AND payload ->> 'priority' NOT IN ('NONE', 'ERASED');
CREATE INDEX admin_audit_by_time ON admin_audit (at);

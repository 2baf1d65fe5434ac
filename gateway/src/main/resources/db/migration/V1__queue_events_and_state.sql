-- One row per centre. `version` counts the events appended for the centre: every commit checks and
-- advances it, so two gateway nodes sharing the database can never interleave a centre's writes.
CREATE TABLE centres (
    centre_id      text PRIMARY KEY,
    version        bigint NOT NULL DEFAULT 0,
    last_call_seq  bigint NOT NULL DEFAULT 0,
    last_ordinal   bigint NOT NULL DEFAULT 0,
    updated_at     timestamptz NOT NULL DEFAULT now()
);

-- Append-only log of everything that happened, in the order it happened (the audit trail and
-- the source of reports).
CREATE TABLE events (
    centre_id    text NOT NULL REFERENCES centres (centre_id),
    version      bigint NOT NULL,
    type         text NOT NULL,
    ticket_id    text,
    counter_id   text,
    payload      jsonb NOT NULL,
    occurred_at  timestamptz NOT NULL,
    recorded_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (centre_id, version)
);
CREATE INDEX events_by_ticket ON events (ticket_id) WHERE ticket_id IS NOT NULL;
CREATE INDEX events_by_time ON events (centre_id, occurred_at);

-- Current state of every ticket. A number is printed once per centre and local day: the unique
-- constraint makes a second issue of the same number impossible, whatever the application does.
CREATE TABLE tickets (
    ticket_id         text PRIMARY KEY,
    centre_id         text NOT NULL REFERENCES centres (centre_id),
    ordinal           bigint NOT NULL,
    number            text NOT NULL,
    issue_service     text NOT NULL,
    service           text NOT NULL,
    service_day       date NOT NULL,
    sequence          integer NOT NULL,
    priority          text NOT NULL,
    channel           text NOT NULL,
    original_arrival  timestamptz NOT NULL,
    waiting_since     timestamptz NOT NULL,
    state             text NOT NULL,
    counter_id        text,
    called_at         timestamptz,
    started_at        timestamptz,
    finished_at       timestamptz,
    calls             integer NOT NULL DEFAULT 0,
    kiosk_id          text,
    request_id        text,
    CONSTRAINT tickets_number_once_per_day UNIQUE (centre_id, service_day, number),
    CONSTRAINT tickets_sequence_once_per_day UNIQUE (centre_id, issue_service, service_day, sequence),
    CONSTRAINT tickets_ordinal_once UNIQUE (centre_id, ordinal)
);
CREATE INDEX tickets_active ON tickets (centre_id) WHERE state IN ('WAITING', 'CALLED', 'SERVING');

CREATE TABLE counters (
    centre_id          text NOT NULL REFERENCES centres (centre_id),
    counter_id         text NOT NULL,
    open               boolean NOT NULL,
    current_ticket_id  text,
    updated_at         timestamptz NOT NULL,
    PRIMARY KEY (centre_id, counter_id)
);

-- Accepted requests by device and request id, with the exact reply sent: a retry gets the same bytes.
CREATE TABLE requests (
    centre_id    text NOT NULL REFERENCES centres (centre_id),
    device_id    text NOT NULL,
    request_id   text NOT NULL,
    fingerprint  text NOT NULL,
    reply        bytea NOT NULL,
    created_at   timestamptz NOT NULL,
    PRIMARY KEY (centre_id, device_id, request_id)
);
CREATE INDEX requests_by_time ON requests (centre_id, created_at);

-- Webhooks for integrators (issue 17): subscriptions, the transactional outbox and each subscription's deliveries.

-- Who receives which events. The secret signs every delivery (HMAC-SHA256), so the gateway needs it as given: it
-- cannot be hashed like a password. It is never sent back by the API.
CREATE TABLE webhook_subscriptions (
    subscription_id  text PRIMARY KEY,
    url              text NOT NULL,
    secret           text NOT NULL,
    events           text[] NOT NULL,
    centre_id        text,               -- NULL: every centre
    active           boolean NOT NULL DEFAULT true,
    created_at       timestamptz NOT NULL,
    created_by       text NOT NULL
);

-- The outbox: one row per event to announce, written in the same statement (so the same transaction) as the
-- events it announces; a crash after the commit cannot lose it, a rolled-back batch cannot send it.
CREATE TABLE webhook_outbox (
    outbox_id    bigserial PRIMARY KEY,
    event_id     text NOT NULL UNIQUE,    -- stable across retries and nodes: receivers deduplicate by it
    centre_id    text NOT NULL,
    type         text NOT NULL,           -- ticket.issued, ticket.called ...
    ticket_key   text,                    -- deliveries of one key (a ticket, a booking) go in order
    occurred_at  timestamptz NOT NULL,
    payload      text NOT NULL,           -- the exact body sent, so every retry sends the same bytes
    fanned_out   boolean NOT NULL DEFAULT false
);
CREATE INDEX webhook_outbox_to_fan_out ON webhook_outbox (outbox_id) WHERE NOT fanned_out;
CREATE INDEX webhook_outbox_by_time ON webhook_outbox (occurred_at);

-- One row per (subscription, outbox event): PENDING until delivered (DELIVERED) or given up (DEAD, the dead letters
-- an admin can replay).
CREATE TABLE webhook_deliveries (
    subscription_id  text NOT NULL REFERENCES webhook_subscriptions (subscription_id) ON DELETE CASCADE,
    outbox_id        bigint NOT NULL REFERENCES webhook_outbox (outbox_id) ON DELETE CASCADE,
    ticket_key       text,
    status           text NOT NULL CHECK (status IN ('PENDING', 'DELIVERED', 'DEAD')),
    attempts         integer NOT NULL DEFAULT 0,
    next_attempt_at  timestamptz NOT NULL,
    last_status      integer,
    last_error       text,
    delivered_at     timestamptz,
    PRIMARY KEY (subscription_id, outbox_id)
);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at) WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_in_order ON webhook_deliveries (subscription_id, ticket_key, outbox_id)
    WHERE status = 'PENDING';
CREATE INDEX webhook_deliveries_dead ON webhook_deliveries (subscription_id, outbox_id) WHERE status = 'DEAD';

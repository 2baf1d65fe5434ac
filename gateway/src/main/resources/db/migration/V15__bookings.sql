-- Booked slots (issue 17). One row per booking: its code (on the citizen's QR code, typed or scanned at the kiosk),
-- centre, service, slot and state, so that what happens to a booking (created, cancelled, checked in) is one row's
-- change, each in one transaction. The citizen is not stored: the phone number only as a keyed hash (HMAC-SHA256 with
-- the gateway's phone key, which is not in the database), to bound how many bookings one number holds; the secret
-- that cancels a booking only as its SHA-256. Deleted by the retention job with the tickets of their day.
CREATE TABLE bookings (
    booking_id        bigserial PRIMARY KEY,
    centre_id         text NOT NULL REFERENCES centres (centre_id),
    code              text NOT NULL,
    secret_hash       bytea NOT NULL,
    service           text NOT NULL,
    slot_start        timestamptz NOT NULL,
    slot_end          timestamptz NOT NULL,
    state             text NOT NULL CHECK (state IN ('BOOKED', 'CANCELLED', 'CHECKED_IN')),
    phone_hash        bytea NOT NULL,
    created_at        timestamptz NOT NULL,
    cancelled_at      timestamptz,
    checked_in_at     timestamptz,
    -- the ticket the check-in issued, and whether it held the appointment (APPOINTMENT) or came outside the window
    -- (WALK_IN); the kiosk and its request id, so that a retry of the same request gets the same ticket
    ticket_id         text,
    checked_in_as     text CHECK (checked_in_as IN ('APPOINTMENT', 'WALK_IN')),
    checked_in_device text,
    checked_in_request text,
    UNIQUE (centre_id, code),
    CHECK ((state = 'CHECKED_IN') = (ticket_id IS NOT NULL))
);
CREATE INDEX bookings_by_phone ON bookings (phone_hash, slot_start) WHERE state = 'BOOKED';
CREATE INDEX bookings_by_slot ON bookings (centre_id, slot_start);

-- The places taken in each slot: the row is locked by the conditional UPDATE that takes a place (booked < capacity),
-- so concurrent bookings of one slot queue on it and never take more places than the capacity.
CREATE TABLE booking_slots (
    centre_id  text NOT NULL REFERENCES centres (centre_id),
    service    text NOT NULL,
    slot_start timestamptz NOT NULL,
    booked     integer NOT NULL DEFAULT 0 CHECK (booked >= 0),
    PRIMARY KEY (centre_id, service, slot_start)
);

-- A booking's phone hash serves one purpose: the bound on the bookings a number holds while they are BOOKED. Once a
-- booking is checked in or cancelled it no longer counts, so its hash is dropped at once instead of being kept until
-- the retention purge (data minimisation, docs/security.md).
ALTER TABLE bookings ALTER COLUMN phone_hash DROP NOT NULL;
UPDATE bookings SET phone_hash = NULL WHERE state <> 'BOOKED';

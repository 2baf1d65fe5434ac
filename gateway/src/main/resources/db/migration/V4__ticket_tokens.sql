-- The public token of a ticket: the QR code on the slip and the citizen's page /ticket/{token} carry it instead
-- of the internal ticket id, so that nobody can read someone else's ticket by guessing or counting. The gateway
-- makes it (128 random bits, URL-safe Base64) when it issues the ticket and commits it with the ticket's row.
-- Tickets issued before this migration have none and cannot be read anonymously at all.
ALTER TABLE tickets ADD COLUMN token text;
CREATE UNIQUE INDEX tickets_by_token ON tickets (token);

-- The booked time of a citizen checking in for an appointment, so the queue can serve them near it.
ALTER TABLE tickets ADD COLUMN appointment_at timestamptz;

-- Counter operations of issue 14 (README "Counter commands"): REQUEUE and TRANSFER to a counter or an officer.
--
-- placed_at, placed_seq: where a REQUEUE put a no-show back in line (a time, and a sequence among tickets of that
-- time: QueuePlace); they order the ticket among the waiting ones instead of original_arrival and ordinal (reports
-- keep using original_arrival for waits). NULL for a ticket never requeued, which is how "requeued once already"
-- survives a restart.
ALTER TABLE tickets ADD COLUMN placed_at timestamptz;
ALTER TABLE tickets ADD COLUMN placed_seq bigint;

-- What the last TRANSFER handed on with the ticket: the counter or the officer it is reserved for (at most one),
-- the officer's note for the next one (1..200 characters), the counter that transferred it and when (a
-- reservation nobody takes up lapses after the service's target wait from then). All NULL without a handover.
ALTER TABLE tickets ADD COLUMN handover_counter text;
ALTER TABLE tickets ADD COLUMN handover_officer text;
ALTER TABLE tickets ADD COLUMN handover_note text;
ALTER TABLE tickets ADD COLUMN handover_from text;
ALTER TABLE tickets ADD COLUMN handover_at timestamptz;

-- A restart reads the recent no-shows back (REQUEUE may bring them back for a few hours).
CREATE INDEX tickets_recent_no_shows ON tickets (centre_id, finished_at) WHERE state = 'NO_SHOW';

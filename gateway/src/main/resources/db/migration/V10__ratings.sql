-- Satisfaction ratings (issue 14). A rating pad, like a counter terminal, belongs to one counter.
ALTER TABLE devices DROP CONSTRAINT devices_counter_for_counter_terminals;
ALTER TABLE devices ADD CONSTRAINT devices_counter_for_counter_devices
    CHECK ((role IN ('COUNTER', 'RATING_PAD')) = (counter_id IS NOT NULL));

-- After a restart the queue remembers the tickets completed in the last 24 h (what may still be rated): read by
-- centre and finish time, without scanning every ticket the centre ever had.
CREATE INDEX tickets_done_by_finish ON tickets (centre_id, finished_at) WHERE state = 'DONE';

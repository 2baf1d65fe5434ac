-- The officer bound to an open counter by an OPEN that named them (see README "Officers at the counter"): kept
-- with the counter's current state so that a restart rebuilds who is at which counter. NULL while nobody is bound.
-- Each event of the counter records the officer's id in its payload ("officer"), for reports.
ALTER TABLE counters ADD COLUMN officer_id text;
ALTER TABLE counters ADD COLUMN officer_name text;

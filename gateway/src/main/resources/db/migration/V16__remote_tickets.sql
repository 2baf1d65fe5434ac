-- Remote tickets (issue 17, README "Remote tickets"): a ticket taken from the citizen's phone waits in line like any
-- other but must be confirmed in the hall (at a kiosk, with its code, or by reaching a counter) before a counter's
-- call takes it; a call that reaches it unconfirmed passes it over, and one after the centre's remote grace ends it.
--
-- remote_code:         the six-character code the citizen shows at the kiosk; unique among the centre's active
--                      tickets (the queue checks it), kept with the row for the log.
-- remote_holder:       the keyed hash (HMAC-SHA256, the gateway's phone key) of the phone number that took it, by
--                      which the centre bounds how many remote tickets one phone holds at once. Never the number
--                      itself. Set to NULL as soon as the ticket is called or ends: only waiting tickets count.
-- remote_confirmed_at: when the citizen was seen (kiosk or counter); NULL until then.
-- remote_passed_at:    when a call first passed it over for want of a confirmation; the grace runs from it.
-- All NULL for a ticket not taken remotely.
ALTER TABLE tickets ADD COLUMN remote_code text;
ALTER TABLE tickets ADD COLUMN remote_holder text;
ALTER TABLE tickets ADD COLUMN remote_confirmed_at timestamptz;
ALTER TABLE tickets ADD COLUMN remote_passed_at timestamptz;

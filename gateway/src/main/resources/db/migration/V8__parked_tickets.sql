-- Counter operations (issue 14): a counter may set a ticket aside (PARK). A PARKED ticket is still in the queue, so
-- the partial index of the queue's active tickets, which the queue's load reads, includes it.
DROP INDEX IF EXISTS tickets_active;
CREATE INDEX tickets_active ON tickets (centre_id) WHERE state IN ('WAITING', 'CALLED', 'SERVING', 'PARKED');

-- Why and since when a ticket is parked is its TicketParked event (payload "reason", occurred_at, counter_id): the
-- load finds the latest one of each parked ticket through this index, so no column duplicates the event.
CREATE INDEX events_ticket_parked ON events (ticket_id, version) WHERE type = 'TicketParked';

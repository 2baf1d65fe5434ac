-- Several gateway nodes (issue 16): which node writes each centre, and the fence that keeps any other out.
--
-- writer_epoch is the fencing token. A node that takes a centre over raises it (in the same transaction as its lease),
-- then loads the centre; every commit names the epoch its writer loaded, so a node that lost the centre (paused past
-- its lease, cut off from the cluster) can never commit again, whatever version it holds. One node alone never
-- raises it: it stays 0 and every commit checks 0.
ALTER TABLE centres ADD COLUMN writer_epoch bigint NOT NULL DEFAULT 0;

-- The lease of each centre: the owning node (its cluster member id) until expires_at, by the database's clock so
-- that the nodes' clocks do not matter. Renewed by its owner every second; taken over when it expires, when its
-- owner has left the cluster, or when its owner released it (owner NULL) to hand the centre to another node.
-- Kept apart from centres so that renewals never wait on a commit's row lock.
CREATE TABLE centre_leases (
    centre_id  text PRIMARY KEY,
    owner      text,
    epoch      bigint NOT NULL DEFAULT 0,
    expires_at timestamptz NOT NULL DEFAULT '-infinity'
);

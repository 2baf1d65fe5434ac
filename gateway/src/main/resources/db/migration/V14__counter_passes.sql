-- Counter passes (issue 12) in the database instead of one gateway's memory (issue 16): with several nodes, the
-- officer's console asks one node for a pass and the OPEN that uses it is decided on the node writing the centre.
-- One row per officer: the pass's SHA-256 only (never the pass), when it expires, and the OPEN that used it.
CREATE TABLE counter_passes (
    officer    text PRIMARY KEY,
    hash       bytea NOT NULL,
    expires_at timestamptz NOT NULL,
    used_by    text,
    used_at    timestamptz
);

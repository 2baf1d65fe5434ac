-- People who log in over HTTP (administrators, centre managers, officers), as devices log in over MQTT.
-- Passwords and PINs are stored as PBKDF2 hashes in the configuration file's format,
-- pbkdf2-sha256$ITERATIONS$SALT$HASH; never in plain text.
CREATE TABLE staff_accounts (
    username       text PRIMARY KEY CHECK (username ~ '^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$'),
    full_name      text NOT NULL,
    -- who the person works for, as counters have it: POSTAL or an agency code (BHXH, CONG_AN, ...);
    -- null for staff who work no counter (an administrator)
    operator       text,
    password_hash  text NOT NULL,
    pin_hash       text,
    enabled        boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL
);

-- What each person may do, and where: ADMIN everywhere (no centre); CENTRE_MANAGER and OFFICER at one
-- centre each row (a manager of several centres has several rows). Centres are not a foreign key: they
-- come from the configuration, and their rows in `centres` are made when a centre first loads.
CREATE TABLE staff_roles (
    username   text NOT NULL REFERENCES staff_accounts (username) ON DELETE CASCADE,
    role       text NOT NULL CHECK (role IN ('ADMIN', 'CENTRE_MANAGER', 'OFFICER')),
    centre_id  text,
    CONSTRAINT staff_roles_centre_unless_admin CHECK ((role = 'ADMIN') = (centre_id IS NULL))
);
CREATE UNIQUE INDEX staff_roles_once ON staff_roles (username, role, coalesce(centre_id, ''));

-- Logged-in sessions. The token the client holds (cookie or bearer) is never stored: only its SHA-256,
-- so a copy of this table logs nobody in. A session ends at expires_at (12 h after login), or once it has
-- been idle for 8 h (last_seen_at), whichever comes first; logout deletes it.
CREATE TABLE login_sessions (
    token_hash    bytea PRIMARY KEY,
    username      text NOT NULL REFERENCES staff_accounts (username) ON DELETE CASCADE,
    created_at    timestamptz NOT NULL,
    expires_at    timestamptz NOT NULL,
    last_seen_at  timestamptz NOT NULL
);
CREATE INDEX login_sessions_by_user ON login_sessions (username);
CREATE INDEX login_sessions_by_expiry ON login_sessions (expires_at);

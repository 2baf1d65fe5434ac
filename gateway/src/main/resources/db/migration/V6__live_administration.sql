-- A centre's definition (name, time zone, sessions, services, counters and their skills, settings) lives in the
-- database from now on, in the configuration file's format: a configuration file is only imported (first start,
-- `config import`, SIGHUP). It is written in the same transaction as the CentreReconfigured event that changes it,
-- under the same version check, so the queue and its definition never disagree, and a restart rebuilds both.
-- NULL for a centre of a database made before this migration until its configuration is imported at next start.
ALTER TABLE centres ADD COLUMN definition jsonb;
-- A removed centre keeps its row, events and tickets (reports of past days still read them); it no longer runs.
ALTER TABLE centres ADD COLUMN removed_at timestamptz;

-- Devices allowed to connect over MQTT: the MQTT username is the device id. Passwords as PBKDF2 hashes, never in
-- plain text (the demo's published password included). A disabled device is refused at CONNECT.
CREATE TABLE devices (
    device_id      text PRIMARY KEY,
    centre_id      text NOT NULL,
    role           text NOT NULL,
    counter_id     text,
    password_hash  text NOT NULL,
    enabled        boolean NOT NULL DEFAULT true,
    created_at     timestamptz NOT NULL,
    updated_at     timestamptz NOT NULL,
    CONSTRAINT devices_counter_for_counter_terminals CHECK ((role = 'COUNTER') = (counter_id IS NOT NULL))
);
CREATE INDEX devices_by_centre ON devices (centre_id);

-- Every change made through the administration (API, screens, a configuration import): who, when, what, and the
-- resource before and after (secrets never: a password change shows as "passwordChanged": true).
CREATE TABLE admin_audit (
    audit_id    bigserial PRIMARY KEY,
    at          timestamptz NOT NULL,
    username    text NOT NULL,
    action      text NOT NULL,
    resource    text NOT NULL,
    centre_id   text,
    before      jsonb,
    after       jsonb
);
CREATE INDEX admin_audit_by_centre ON admin_audit (centre_id, audit_id);

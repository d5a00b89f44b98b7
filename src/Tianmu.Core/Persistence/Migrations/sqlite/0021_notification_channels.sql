-- Notification channels (issue 8): e-mail rows are delivered by the same worker as SMS (no schema change);
-- the dead-letter view lists failed rows by jurisdiction; officers log the calls they make (电话告知, S15/Z16).
CREATE INDEX ix_notifications_failed ON notifications (agency_path, created_at) WHERE status = 'Failed';
CREATE TABLE phone_calls (
    id TEXT NOT NULL PRIMARY KEY,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    warning_id TEXT NULL REFERENCES warnings (id),
    case_id TEXT NULL REFERENCES cases (id),
    called_at INTEGER NOT NULL,
    number_cipher TEXT NOT NULL,
    number_masked TEXT NOT NULL,
    answered_by TEXT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('Informed', 'Refused', 'NoAnswer', 'Unreachable', 'WrongNumber')),
    note TEXT NULL,
    officer_id TEXT NOT NULL REFERENCES users (id),
    officer_name TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
-- An entity's calls, newest first.
CREATE INDEX ix_phone_calls_entity ON phone_calls (entity_id, called_at);

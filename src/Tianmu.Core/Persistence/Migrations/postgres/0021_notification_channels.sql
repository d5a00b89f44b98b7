-- Notification channels (issue 8): e-mail rows are delivered by the same worker as SMS (no schema change);
-- the dead-letter view lists failed rows by jurisdiction; officers log the calls they make (电话告知, S15/Z16).
CREATE INDEX ix_notifications_failed ON notifications (agency_path, created_at) WHERE status = 'Failed';
CREATE TABLE phone_calls (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    warning_id uuid NULL REFERENCES warnings (id),
    case_id uuid NULL REFERENCES cases (id),
    called_at timestamptz NOT NULL,
    number_cipher text NOT NULL,
    number_masked text NOT NULL,
    answered_by text NULL,
    outcome text NOT NULL CHECK (outcome IN ('Informed', 'Refused', 'NoAnswer', 'Unreachable', 'WrongNumber')),
    note text NULL,
    officer_id uuid NOT NULL REFERENCES users (id),
    officer_name text NOT NULL,
    created_at timestamptz NOT NULL
);
-- An entity's calls, newest first.
CREATE INDEX ix_phone_calls_entity ON phone_calls (entity_id, called_at);

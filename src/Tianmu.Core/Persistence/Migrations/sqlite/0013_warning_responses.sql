-- The entity's answers to its warnings (art. 41: told, may state and defend), appended only; and
-- what the live warning board reads: when a warning last changed visibly, and how many times.
CREATE TABLE warning_responses (
    id TEXT NOT NULL PRIMARY KEY,
    warning_id TEXT NOT NULL REFERENCES warnings (id),
    entity_id TEXT NOT NULL REFERENCES entities (id),
    kind TEXT NOT NULL,
    text TEXT NULL,
    attachments_json TEXT NOT NULL,
    by_user_id TEXT NOT NULL REFERENCES users (id),
    by_name TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX ix_warning_responses_warning ON warning_responses (warning_id, at);

-- An answer once given stays as given: the database itself refuses to change or remove one.
CREATE TRIGGER warning_responses_no_update BEFORE UPDATE ON warning_responses
BEGIN
    SELECT RAISE(ABORT, 'warning_responses is append-only');
END;
CREATE TRIGGER warning_responses_no_delete BEFORE DELETE ON warning_responses
BEGIN
    SELECT RAISE(ABORT, 'warning_responses is append-only');
END;

ALTER TABLE warnings ADD COLUMN last_response_at INTEGER NULL;
ALTER TABLE warnings ADD COLUMN changed_at INTEGER NOT NULL DEFAULT 0;
ALTER TABLE warnings ADD COLUMN revision INTEGER NOT NULL DEFAULT 0;
UPDATE warnings SET changed_at = max(last_seen_at, coalesce(updated_at, 0), coalesce(escalated_at, 0)), revision = 1;
CREATE INDEX ix_warnings_changed ON warnings (changed_at);

-- The entity's answers to its warnings (art. 41: told, may state and defend), appended only; and
-- what the live warning board reads: when a warning last changed visibly, and how many times.
CREATE TABLE warning_responses (
    id uuid NOT NULL PRIMARY KEY,
    warning_id uuid NOT NULL REFERENCES warnings (id),
    entity_id uuid NOT NULL REFERENCES entities (id),
    kind text NOT NULL,
    text text NULL,
    attachments_json text NOT NULL,
    by_user_id uuid NOT NULL REFERENCES users (id),
    by_name text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX ix_warning_responses_warning ON warning_responses (warning_id, at);

-- An answer once given stays as given: the database itself refuses to change or remove one.
CREATE FUNCTION warning_responses_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'warning_responses is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER warning_responses_no_update_delete BEFORE UPDATE OR DELETE ON warning_responses
    FOR EACH ROW EXECUTE FUNCTION warning_responses_append_only();
CREATE TRIGGER warning_responses_no_truncate BEFORE TRUNCATE ON warning_responses
    FOR EACH STATEMENT EXECUTE FUNCTION warning_responses_append_only();

ALTER TABLE warnings ADD COLUMN last_response_at timestamptz NULL;
ALTER TABLE warnings ADD COLUMN changed_at timestamptz NULL;
ALTER TABLE warnings ADD COLUMN revision integer NOT NULL DEFAULT 0;
UPDATE warnings SET changed_at = greatest(last_seen_at, updated_at, escalated_at), revision = 1;
ALTER TABLE warnings ALTER COLUMN changed_at SET NOT NULL;
CREATE INDEX ix_warnings_changed ON warnings (changed_at);

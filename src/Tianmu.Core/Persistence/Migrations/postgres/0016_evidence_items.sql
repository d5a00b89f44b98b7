-- Evidence items (S14/Z17): each original in the write-once object store with its elements (time,
-- place, persons, form) and provenance (device and its state at capture, capture method, collector);
-- the officers' review of each (合法性/客观性/关联性), every view and download of it (chain of
-- custody), and legal holds that keep it past its retention (S17).

-- The evidence log's queue; 0015 creates it first where both are applied (same columns).
CREATE TABLE IF NOT EXISTS log_queue (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    ref text NOT NULL,
    queued_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE evidence_items (
    id uuid NOT NULL PRIMARY KEY,
    source_key text NULL,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    entity_id uuid NOT NULL REFERENCES entities (id),
    warning_id uuid NULL REFERENCES warnings (id),
    ai_event_id uuid NULL REFERENCES ai_events (id),
    self_report_id uuid NULL REFERENCES self_reports (id),
    title text NOT NULL,
    form text NOT NULL,
    capture_method text NOT NULL,
    fact_at timestamptz NOT NULL,
    fact_until timestamptz NULL,
    place text NOT NULL,
    entity_name text NOT NULL,
    persons_cipher text NULL,
    sha256 text NOT NULL,
    media_type text NOT NULL,
    file_name text NOT NULL,
    size_bytes bigint NOT NULL,
    device_id uuid NULL REFERENCES devices (id),
    device_state_json text NULL,
    continuity_json text NULL,
    collected_by text NOT NULL,
    collected_by_user_id uuid NULL,
    collected_at timestamptz NOT NULL,
    retention_until timestamptz NOT NULL,
    expired_at timestamptz NULL
);
CREATE UNIQUE INDEX ux_evidence_items_source ON evidence_items (source_key) WHERE source_key IS NOT NULL;
CREATE INDEX ix_evidence_items_scope ON evidence_items (agency_path, collected_at);
CREATE INDEX ix_evidence_items_warning ON evidence_items (warning_id);
CREATE INDEX ix_evidence_items_retention ON evidence_items (retention_until) WHERE expired_at IS NULL;

-- Originals are never edited or deleted (S14/Z14): the only change the database accepts is the
-- retention job marking an item expired, once, and every item is queued for the evidence log.
CREATE FUNCTION evidence_items_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.expired_at IS NULL AND NEW.expired_at IS NOT NULL
        AND (to_jsonb(NEW) - 'expired_at') = (to_jsonb(OLD) - 'expired_at') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'evidence_items are write-once; only expiry may be recorded' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER evidence_items_write_once BEFORE UPDATE OR DELETE ON evidence_items
    FOR EACH ROW EXECUTE FUNCTION evidence_items_write_once();
CREATE TRIGGER evidence_items_no_truncate BEFORE TRUNCATE ON evidence_items
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_items_write_once();

CREATE FUNCTION evidence_items_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO log_queue (kind, ref, queued_at) VALUES ('evidence', NEW.id::text, now());
    ELSIF OLD.expired_at IS NULL AND NEW.expired_at IS NOT NULL THEN
        -- the expiry's tombstone is queued in the expiring transaction itself
        INSERT INTO log_queue (kind, ref, queued_at) VALUES ('evidence-tombstone', NEW.id::text, now());
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER evidence_items_log AFTER INSERT OR UPDATE ON evidence_items
    FOR EACH ROW EXECUTE FUNCTION evidence_items_queue();

-- 证据审查 (art. 41, S14/Z17): appended only; the latest conclusion of an item counts.
CREATE TABLE evidence_reviews (
    id uuid NOT NULL PRIMARY KEY,
    item_id uuid NOT NULL REFERENCES evidence_items (id),
    passed boolean NOT NULL,
    reason text NULL,
    checklist_json text NOT NULL,
    reviewer_id uuid NOT NULL REFERENCES users (id),
    reviewer_name text NOT NULL,
    reviewed_at timestamptz NOT NULL
);
CREATE INDEX ix_evidence_reviews_item ON evidence_reviews (item_id, reviewed_at);

-- Chain of custody: who viewed, downloaded or exported an item, when and why; appended only.
CREATE TABLE evidence_access (
    id bigserial PRIMARY KEY,
    item_id uuid NOT NULL REFERENCES evidence_items (id),
    action text NOT NULL,
    reason text NULL,
    outcome text NOT NULL,
    user_id uuid NULL,
    user_name text NOT NULL,
    at timestamptz NOT NULL
);
CREATE INDEX ix_evidence_access_item ON evidence_access (item_id, at);

CREATE FUNCTION evidence_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER evidence_reviews_no_update_delete BEFORE UPDATE OR DELETE ON evidence_reviews
    FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_reviews_no_truncate BEFORE TRUNCATE ON evidence_reviews
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_access_no_update_delete BEFORE UPDATE OR DELETE ON evidence_access
    FOR EACH ROW EXECUTE FUNCTION evidence_append_only();
CREATE TRIGGER evidence_access_no_truncate BEFORE TRUNCATE ON evidence_access
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_append_only();

-- Legal holds (S17): while one is in force the item never expires; once released (the case file
-- archived) the item is kept at least until retain_until. A hold is released once and never removed.
CREATE TABLE evidence_holds (
    id uuid NOT NULL PRIMARY KEY,
    item_id uuid NOT NULL REFERENCES evidence_items (id),
    holder text NOT NULL,
    reason text NOT NULL,
    placed_by text NOT NULL,
    placed_at timestamptz NOT NULL,
    released_at timestamptz NULL,
    released_by text NULL,
    retain_until timestamptz NULL
);
CREATE INDEX ix_evidence_holds_item ON evidence_holds (item_id);
CREATE UNIQUE INDEX ux_evidence_holds_active ON evidence_holds (item_id, holder) WHERE released_at IS NULL;

CREATE FUNCTION evidence_holds_release_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND OLD.released_at IS NULL
        AND (to_jsonb(NEW) - 'released_at' - 'released_by' - 'retain_until') = (to_jsonb(OLD) - 'released_at' - 'released_by' - 'retain_until') THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'an evidence hold is only ever released, once' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER evidence_holds_release_once BEFORE UPDATE OR DELETE ON evidence_holds
    FOR EACH ROW EXECUTE FUNCTION evidence_holds_release_once();
CREATE TRIGGER evidence_holds_no_truncate BEFORE TRUNCATE ON evidence_holds
    FOR EACH STATEMENT EXECUTE FUNCTION evidence_holds_release_once();

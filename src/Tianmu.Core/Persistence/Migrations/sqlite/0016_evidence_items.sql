-- Evidence items (S14/Z17): each original in the write-once object store with its elements (time,
-- place, persons, form) and provenance (device and its state at capture, capture method, collector);
-- the officers' review of each (合法性/客观性/关联性), every view and download of it (chain of
-- custody), and legal holds that keep it past its retention (S17).

-- The evidence log's queue; 0015 creates it first where both are applied (same columns).
CREATE TABLE IF NOT EXISTS log_queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    queued_at INTEGER NOT NULL
);

CREATE TABLE evidence_items (
    id TEXT NOT NULL PRIMARY KEY,
    source_key TEXT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    warning_id TEXT NULL REFERENCES warnings (id),
    ai_event_id TEXT NULL REFERENCES ai_events (id),
    self_report_id TEXT NULL REFERENCES self_reports (id),
    title TEXT NOT NULL,
    form TEXT NOT NULL,
    capture_method TEXT NOT NULL,
    fact_at INTEGER NOT NULL,
    fact_until INTEGER NULL,
    place TEXT NOT NULL,
    entity_name TEXT NOT NULL,
    persons_cipher TEXT NULL,
    sha256 TEXT NOT NULL,
    media_type TEXT NOT NULL,
    file_name TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    device_id TEXT NULL REFERENCES devices (id),
    device_state_json TEXT NULL,
    continuity_json TEXT NULL,
    collected_by TEXT NOT NULL,
    collected_by_user_id TEXT NULL,
    collected_at INTEGER NOT NULL,
    retention_until INTEGER NOT NULL,
    expired_at INTEGER NULL
);
CREATE UNIQUE INDEX ux_evidence_items_source ON evidence_items (source_key) WHERE source_key IS NOT NULL;
CREATE INDEX ix_evidence_items_scope ON evidence_items (agency_path, collected_at);
CREATE INDEX ix_evidence_items_warning ON evidence_items (warning_id);
CREATE INDEX ix_evidence_items_retention ON evidence_items (retention_until) WHERE expired_at IS NULL;

-- Originals are never edited or deleted (S14/Z14): the only change the database accepts is the
-- retention job marking an item expired, once, and every item is queued for the evidence log.
CREATE TRIGGER evidence_items_no_delete BEFORE DELETE ON evidence_items
BEGIN
    SELECT RAISE(ABORT, 'evidence_items cannot be deleted');
END;
CREATE TRIGGER evidence_items_no_update BEFORE UPDATE ON evidence_items
WHEN NOT (OLD.expired_at IS NULL AND NEW.expired_at IS NOT NULL
    AND NEW.id IS OLD.id AND NEW.source_key IS OLD.source_key AND NEW.agency_id IS OLD.agency_id AND NEW.agency_path IS OLD.agency_path
    AND NEW.entity_id IS OLD.entity_id AND NEW.warning_id IS OLD.warning_id AND NEW.ai_event_id IS OLD.ai_event_id
    AND NEW.self_report_id IS OLD.self_report_id AND NEW.title IS OLD.title AND NEW.form IS OLD.form AND NEW.capture_method IS OLD.capture_method
    AND NEW.fact_at IS OLD.fact_at AND NEW.fact_until IS OLD.fact_until AND NEW.place IS OLD.place AND NEW.entity_name IS OLD.entity_name
    AND NEW.persons_cipher IS OLD.persons_cipher AND NEW.sha256 IS OLD.sha256 AND NEW.media_type IS OLD.media_type
    AND NEW.file_name IS OLD.file_name AND NEW.size_bytes IS OLD.size_bytes AND NEW.device_id IS OLD.device_id
    AND NEW.device_state_json IS OLD.device_state_json AND NEW.continuity_json IS OLD.continuity_json AND NEW.collected_by IS OLD.collected_by
    AND NEW.collected_by_user_id IS OLD.collected_by_user_id AND NEW.collected_at IS OLD.collected_at AND NEW.retention_until IS OLD.retention_until)
BEGIN
    SELECT RAISE(ABORT, 'evidence_items are write-once; only expiry may be recorded');
END;
CREATE TRIGGER evidence_items_log AFTER INSERT ON evidence_items
BEGIN
    INSERT INTO log_queue (kind, ref, queued_at) VALUES ('evidence', lower(NEW.id), CAST((julianday('now') - 1721425.5) * 864000000000 AS INTEGER));
END;
-- The expiry's tombstone is queued in the expiring transaction itself.
CREATE TRIGGER evidence_items_tombstone AFTER UPDATE OF expired_at ON evidence_items
WHEN OLD.expired_at IS NULL AND NEW.expired_at IS NOT NULL
BEGIN
    INSERT INTO log_queue (kind, ref, queued_at) VALUES ('evidence-tombstone', lower(NEW.id), CAST((julianday('now') - 1721425.5) * 864000000000 AS INTEGER));
END;

-- 证据审查 (art. 41, S14/Z17): appended only; the latest conclusion of an item counts.
CREATE TABLE evidence_reviews (
    id TEXT NOT NULL PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES evidence_items (id),
    passed INTEGER NOT NULL,
    reason TEXT NULL,
    checklist_json TEXT NOT NULL,
    reviewer_id TEXT NOT NULL REFERENCES users (id),
    reviewer_name TEXT NOT NULL,
    reviewed_at INTEGER NOT NULL
);
CREATE INDEX ix_evidence_reviews_item ON evidence_reviews (item_id, reviewed_at);
CREATE TRIGGER evidence_reviews_no_update BEFORE UPDATE ON evidence_reviews
BEGIN
    SELECT RAISE(ABORT, 'evidence_reviews is append-only');
END;
CREATE TRIGGER evidence_reviews_no_delete BEFORE DELETE ON evidence_reviews
BEGIN
    SELECT RAISE(ABORT, 'evidence_reviews is append-only');
END;

-- Chain of custody: who viewed, downloaded or exported an item, when and why; appended only.
CREATE TABLE evidence_access (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    item_id TEXT NOT NULL REFERENCES evidence_items (id),
    action TEXT NOT NULL,
    reason TEXT NULL,
    outcome TEXT NOT NULL,
    user_id TEXT NULL,
    user_name TEXT NOT NULL,
    at INTEGER NOT NULL
);
CREATE INDEX ix_evidence_access_item ON evidence_access (item_id, at);
CREATE TRIGGER evidence_access_no_update BEFORE UPDATE ON evidence_access
BEGIN
    SELECT RAISE(ABORT, 'evidence_access is append-only');
END;
CREATE TRIGGER evidence_access_no_delete BEFORE DELETE ON evidence_access
BEGIN
    SELECT RAISE(ABORT, 'evidence_access is append-only');
END;

-- Legal holds (S17): while one is in force the item never expires; once released (the case file
-- archived) the item is kept at least until retain_until. A hold is released once and never removed.
CREATE TABLE evidence_holds (
    id TEXT NOT NULL PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES evidence_items (id),
    holder TEXT NOT NULL,
    reason TEXT NOT NULL,
    placed_by TEXT NOT NULL,
    placed_at INTEGER NOT NULL,
    released_at INTEGER NULL,
    released_by TEXT NULL,
    retain_until INTEGER NULL
);
CREATE INDEX ix_evidence_holds_item ON evidence_holds (item_id);
CREATE UNIQUE INDEX ux_evidence_holds_active ON evidence_holds (item_id, holder) WHERE released_at IS NULL;
CREATE TRIGGER evidence_holds_no_delete BEFORE DELETE ON evidence_holds
BEGIN
    SELECT RAISE(ABORT, 'evidence_holds cannot be deleted');
END;
CREATE TRIGGER evidence_holds_release_once BEFORE UPDATE ON evidence_holds
WHEN OLD.released_at IS NOT NULL OR NEW.id IS NOT OLD.id OR NEW.item_id IS NOT OLD.item_id OR NEW.holder IS NOT OLD.holder
    OR NEW.reason IS NOT OLD.reason OR NEW.placed_by IS NOT OLD.placed_by OR NEW.placed_at IS NOT OLD.placed_at
BEGIN
    SELECT RAISE(ABORT, 'an evidence hold is only ever released, once');
END;

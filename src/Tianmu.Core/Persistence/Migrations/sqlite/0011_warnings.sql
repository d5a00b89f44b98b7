-- Warnings (预警): one per rule episode, with the rule as it was and the samples that raised it.
CREATE TABLE warnings (
    id TEXT NOT NULL PRIMARY KEY,
    pack_code TEXT NOT NULL,
    pack_version INTEGER NOT NULL,
    rule_code TEXT NOT NULL,
    rule_name TEXT NOT NULL,
    clause TEXT NOT NULL,
    category TEXT NOT NULL,
    severity TEXT NOT NULL,
    metric TEXT NULL,
    device_id TEXT NULL REFERENCES devices (id),
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    episode_start INTEGER NOT NULL,
    raised_at INTEGER NOT NULL,
    episode_end INTEGER NULL,
    summary TEXT NOT NULL,
    evidence_json TEXT NOT NULL,
    status TEXT NOT NULL,
    is_open INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    last_seen_at INTEGER NOT NULL,
    respond_by INTEGER NOT NULL,
    escalated_at INTEGER NULL,
    handled_by TEXT NULL,
    note TEXT NULL,
    rectify_by TEXT NULL,
    updated_at INTEGER NULL
);
-- At most one open warning per rule and subject, whichever node raises it.
CREATE UNIQUE INDEX ix_warnings_open ON warnings (rule_code, coalesce(device_id, ''), entity_id) WHERE is_open = 1;
CREATE INDEX ix_warnings_agency ON warnings (agency_path, created_at);
CREATE INDEX ix_warnings_entity ON warnings (entity_id, created_at);

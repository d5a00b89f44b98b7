-- Credit and risk grading (S10, S20, Z4, Z8, Z24): each computed grade with its factors' contributions (history
-- kept for movements and point-in-time views), the key-supervision list (重点监管名单) and credit repairs (信用修复).
CREATE TABLE credit_grades (
    id TEXT NOT NULL PRIMARY KEY,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    as_of TEXT NOT NULL,
    computed_at INTEGER NOT NULL,
    model_code TEXT NOT NULL,
    model_version INTEGER NOT NULL,
    score REAL NOT NULL,
    grade TEXT NOT NULL,
    rank INTEGER NOT NULL,
    risk TEXT NOT NULL,
    key_supervision INTEGER NOT NULL,
    self_monitored INTEGER NOT NULL,
    contributions_json TEXT NOT NULL
);
CREATE INDEX ix_credit_grades_entity ON credit_grades (entity_id, as_of DESC, computed_at DESC);
CREATE INDEX ix_credit_grades_agency ON credit_grades (agency_path, as_of);

CREATE TABLE key_supervision_entries (
    id TEXT NOT NULL PRIMARY KEY,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    reason TEXT NOT NULL,
    basis TEXT NOT NULL,
    source_kind TEXT NULL,
    source_id TEXT NULL,
    listed_on TEXT NOT NULL,
    listed_by TEXT NOT NULL,
    removed_on TEXT NULL,
    removed_by TEXT NULL,
    removal_reason TEXT NULL
);
CREATE INDEX ix_key_supervision_entity ON key_supervision_entries (entity_id);
CREATE INDEX ix_key_supervision_agency ON key_supervision_entries (agency_path);
-- one automatic listing per fact: the nightly run listing it again is a no-op
CREATE UNIQUE INDEX ix_key_supervision_source ON key_supervision_entries (entity_id, source_kind, source_id) WHERE source_id IS NOT NULL;

CREATE TABLE credit_repairs (
    id TEXT NOT NULL PRIMARY KEY,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    fact_kind TEXT NOT NULL,
    fact_id TEXT NOT NULL,
    statement TEXT NOT NULL,
    attachments_json TEXT NOT NULL,
    applied_by TEXT NOT NULL REFERENCES users (id),
    applicant_name TEXT NOT NULL,
    applied_at INTEGER NOT NULL,
    status TEXT NOT NULL,
    decided_on TEXT NULL,
    decided_by TEXT NULL,
    decision_reason TEXT NULL
);
CREATE INDEX ix_credit_repairs_entity ON credit_repairs (entity_id, fact_kind, fact_id);
CREATE INDEX ix_credit_repairs_agency ON credit_repairs (agency_path, status);

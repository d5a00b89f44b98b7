-- Credit and risk grading (S10, S20, Z4, Z8, Z24): each computed grade with its factors' contributions (history
-- kept for movements and point-in-time views), the key-supervision list (重点监管名单) and credit repairs (信用修复).
CREATE TABLE credit_grades (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    as_of date NOT NULL,
    computed_at timestamptz NOT NULL,
    model_code text NOT NULL,
    model_version integer NOT NULL,
    score double precision NOT NULL,
    grade text NOT NULL,
    rank integer NOT NULL,
    risk text NOT NULL,
    key_supervision boolean NOT NULL,
    self_monitored boolean NOT NULL,
    contributions_json text NOT NULL
);
CREATE INDEX ix_credit_grades_entity ON credit_grades (entity_id, as_of DESC, computed_at DESC);
CREATE INDEX ix_credit_grades_agency ON credit_grades (agency_path, as_of);

CREATE TABLE key_supervision_entries (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    reason text NOT NULL,
    basis text NOT NULL,
    source_kind text NULL,
    source_id uuid NULL,
    listed_on date NOT NULL,
    listed_by text NOT NULL,
    removed_on date NULL,
    removed_by text NULL,
    removal_reason text NULL
);
CREATE INDEX ix_key_supervision_entity ON key_supervision_entries (entity_id);
CREATE INDEX ix_key_supervision_agency ON key_supervision_entries (agency_path);
-- one automatic listing per fact: the nightly run listing it again is a no-op
CREATE UNIQUE INDEX ix_key_supervision_source ON key_supervision_entries (entity_id, source_kind, source_id) WHERE source_id IS NOT NULL;

CREATE TABLE credit_repairs (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    fact_kind text NOT NULL,
    fact_id uuid NOT NULL,
    statement text NOT NULL,
    attachments_json text NOT NULL,
    applied_by uuid NOT NULL REFERENCES users (id),
    applicant_name text NOT NULL,
    applied_at timestamptz NOT NULL,
    status text NOT NULL,
    decided_on date NULL,
    decided_by text NULL,
    decision_reason text NULL
);
CREATE INDEX ix_credit_repairs_entity ON credit_repairs (entity_id, fact_kind, fact_id);
CREATE INDEX ix_credit_repairs_agency ON credit_repairs (agency_path, status);

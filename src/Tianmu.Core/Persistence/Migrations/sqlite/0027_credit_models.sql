-- Credit scoring (S10, S20, Z4, Z24): each computation of grades — the nightly run for the platform or one
-- entity on demand — recorded with its day, model, counts and who asked (grades are not audited row by row).
CREATE TABLE credit_runs (
    id TEXT NOT NULL PRIMARY KEY,
    as_of TEXT NOT NULL,
    scope_path TEXT NOT NULL,
    entity_id TEXT NULL REFERENCES entities (id),
    model_code TEXT NOT NULL,
    model_version INTEGER NOT NULL,
    triggered_by TEXT NOT NULL,
    started_at INTEGER NOT NULL,
    finished_at INTEGER NULL,
    entities INTEGER NOT NULL,
    listed INTEGER NOT NULL
);
CREATE INDEX ix_credit_runs_as_of ON credit_runs (as_of, scope_path);

-- 量化分级: public-place hygiene gradings recorded by officers; the latest counts in the credit grade.
CREATE TABLE hygiene_gradings (
    id TEXT NOT NULL PRIMARY KEY,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    score REAL NOT NULL,
    level TEXT NOT NULL,
    graded_on TEXT NOT NULL,
    graded_by TEXT NOT NULL,
    note TEXT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX ix_hygiene_gradings_entity ON hygiene_gradings (entity_id, graded_on);

-- Agencies' own versions of the credit model (S4, S10, Z4), as published JSON; one row per agency, code and version.
CREATE TABLE credit_models (
    id TEXT NOT NULL PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    code TEXT NOT NULL,
    version INTEGER NOT NULL,
    name TEXT NOT NULL,
    valid_from TEXT NOT NULL,
    json TEXT NOT NULL,
    published_at INTEGER NOT NULL,
    published_by TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_credit_models_version ON credit_models (agency_id, code, version);

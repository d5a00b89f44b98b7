-- Credit scoring (S10, S20, Z4, Z24): each computation of grades — the nightly run for the platform or one
-- entity on demand — recorded with its day, model, counts and who asked (grades are not audited row by row).
CREATE TABLE credit_runs (
    id uuid NOT NULL PRIMARY KEY,
    as_of date NOT NULL,
    scope_path text NOT NULL,
    entity_id uuid NULL REFERENCES entities (id),
    model_code text NOT NULL,
    model_version integer NOT NULL,
    triggered_by text NOT NULL,
    started_at timestamptz NOT NULL,
    finished_at timestamptz NULL,
    entities integer NOT NULL,
    listed integer NOT NULL
);
CREATE INDEX ix_credit_runs_as_of ON credit_runs (as_of, scope_path);

-- 量化分级: public-place hygiene gradings recorded by officers; the latest counts in the credit grade.
CREATE TABLE hygiene_gradings (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    score double precision NOT NULL,
    level text NOT NULL,
    graded_on date NOT NULL,
    graded_by text NOT NULL,
    note text NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX ix_hygiene_gradings_entity ON hygiene_gradings (entity_id, graded_on);

-- Agencies' own versions of the credit model (S4, S10, Z4), as published JSON; one row per agency, code and version.
CREATE TABLE credit_models (
    id uuid NOT NULL PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    code text NOT NULL,
    version integer NOT NULL,
    name text NOT NULL,
    valid_from date NOT NULL,
    json text NOT NULL,
    published_at timestamptz NOT NULL,
    published_by text NOT NULL
);
CREATE UNIQUE INDEX ix_credit_models_version ON credit_models (agency_id, code, version);

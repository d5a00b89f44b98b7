-- On-site inspections and random draws (S10, Z4, Z8; 双随机一公开): yearly plans per agency from the credit grades,
-- inspections recorded, officers' declared conflicts, and draws with their seed, frozen pools and results.
CREATE TABLE inspection_plans (
    id uuid NOT NULL PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    year integer NOT NULL,
    model_code text NOT NULL,
    model_version integer NOT NULL,
    grades_on date NOT NULL,
    generated_at timestamptz NOT NULL,
    generated_by text NOT NULL,
    revision integer NOT NULL
);
CREATE UNIQUE INDEX ix_inspection_plans_agency_year ON inspection_plans (agency_id, year);

CREATE TABLE inspection_plan_items (
    id uuid NOT NULL PRIMARY KEY,
    plan_id uuid NOT NULL REFERENCES inspection_plans (id),
    entity_id uuid NOT NULL REFERENCES entities (id),
    grade text NOT NULL,
    graded boolean NOT NULL,
    self_monitored boolean NOT NULL,
    key_supervision boolean NOT NULL,
    per_year integer NOT NULL,
    sampling_ratio double precision NOT NULL,
    due_dates text NOT NULL
);
CREATE UNIQUE INDEX ix_inspection_plan_items_plan_entity ON inspection_plan_items (plan_id, entity_id);

CREATE TABLE inspection_draws (
    id uuid NOT NULL PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    category text NULL,
    seed text NOT NULL,
    algorithm text NOT NULL,
    pools_json text NOT NULL,
    pool_hash text NOT NULL,
    entity_pool_size integer NOT NULL,
    officer_pool_size integer NOT NULL,
    sample_size integer NOT NULL,
    officers_per_entity integer NOT NULL,
    results_json text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    published_at timestamptz NULL,
    published_by text NULL
);
CREATE INDEX ix_inspection_draws_agency ON inspection_draws (agency_path, created_at);

CREATE TABLE inspections (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    inspected_on date NOT NULL,
    officers_json text NOT NULL,
    outcome text NOT NULL,
    findings text NOT NULL,
    plan_id uuid NULL REFERENCES inspection_plans (id),
    draw_id uuid NULL REFERENCES inspection_draws (id),
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL
);
CREATE INDEX ix_inspections_entity ON inspections (entity_id, inspected_on);
CREATE INDEX ix_inspections_agency ON inspections (agency_path, inspected_on);
CREATE INDEX ix_inspections_draw ON inspections (draw_id);

CREATE TABLE officer_conflicts (
    id uuid NOT NULL PRIMARY KEY,
    officer_id uuid NOT NULL REFERENCES users (id),
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    reason text NOT NULL,
    declared_by text NOT NULL,
    declared_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_officer_conflicts_officer_entity ON officer_conflicts (officer_id, entity_id);
CREATE INDEX ix_officer_conflicts_agency ON officer_conflicts (agency_path);

-- On-site inspections and random draws (S10, Z4, Z8; 双随机一公开): yearly plans per agency from the credit grades,
-- inspections recorded, officers' declared conflicts, and draws with their seed, frozen pools and results.
CREATE TABLE inspection_plans (
    id TEXT NOT NULL PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    year INTEGER NOT NULL,
    model_code TEXT NOT NULL,
    model_version INTEGER NOT NULL,
    grades_on TEXT NOT NULL,
    generated_at INTEGER NOT NULL,
    generated_by TEXT NOT NULL,
    revision INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_inspection_plans_agency_year ON inspection_plans (agency_id, year);

CREATE TABLE inspection_plan_items (
    id TEXT NOT NULL PRIMARY KEY,
    plan_id TEXT NOT NULL REFERENCES inspection_plans (id),
    entity_id TEXT NOT NULL REFERENCES entities (id),
    grade TEXT NOT NULL,
    graded INTEGER NOT NULL,
    self_monitored INTEGER NOT NULL,
    key_supervision INTEGER NOT NULL,
    per_year INTEGER NOT NULL,
    sampling_ratio REAL NOT NULL,
    due_dates TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_inspection_plan_items_plan_entity ON inspection_plan_items (plan_id, entity_id);

CREATE TABLE inspection_draws (
    id TEXT NOT NULL PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    category TEXT NULL,
    seed TEXT NOT NULL,
    algorithm TEXT NOT NULL,
    pools_json TEXT NOT NULL,
    pool_hash TEXT NOT NULL,
    entity_pool_size INTEGER NOT NULL,
    officer_pool_size INTEGER NOT NULL,
    sample_size INTEGER NOT NULL,
    officers_per_entity INTEGER NOT NULL,
    results_json TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    published_at INTEGER NULL,
    published_by TEXT NULL
);
CREATE INDEX ix_inspection_draws_agency ON inspection_draws (agency_path, created_at);

CREATE TABLE inspections (
    id TEXT NOT NULL PRIMARY KEY,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    inspected_on TEXT NOT NULL,
    officers_json TEXT NOT NULL,
    outcome TEXT NOT NULL,
    findings TEXT NOT NULL,
    plan_id TEXT NULL REFERENCES inspection_plans (id),
    draw_id TEXT NULL REFERENCES inspection_draws (id),
    recorded_by TEXT NOT NULL,
    recorded_at INTEGER NOT NULL
);
CREATE INDEX ix_inspections_entity ON inspections (entity_id, inspected_on);
CREATE INDEX ix_inspections_agency ON inspections (agency_path, inspected_on);
CREATE INDEX ix_inspections_draw ON inspections (draw_id);

CREATE TABLE officer_conflicts (
    id TEXT NOT NULL PRIMARY KEY,
    officer_id TEXT NOT NULL REFERENCES users (id),
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    reason TEXT NOT NULL,
    declared_by TEXT NOT NULL,
    declared_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_officer_conflicts_officer_entity ON officer_conflicts (officer_id, entity_id);
CREATE INDEX ix_officer_conflicts_agency ON officer_conflicts (agency_path);

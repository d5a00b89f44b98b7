-- The enforcement catalog (Z3) with versions, and reproducible selection draws (Z5).
CREATE TABLE catalog_items (
    id TEXT NOT NULL PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    code TEXT NOT NULL,
    created_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_catalog_items_code ON catalog_items (code);
CREATE INDEX ix_catalog_items_agency ON catalog_items (agency_id);

CREATE TABLE catalog_versions (
    id TEXT NOT NULL PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES catalog_items (id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL,
    name TEXT NOT NULL,
    categories TEXT NOT NULL,
    methods TEXT NOT NULL,
    rule_pack TEXT NULL,
    obligation_basis TEXT NOT NULL,
    penalty_basis TEXT NOT NULL,
    discretion_range TEXT NOT NULL,
    leniency TEXT NULL,
    effective_from TEXT NOT NULL,
    effective_to TEXT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    published_by TEXT NULL,
    published_at INTEGER NULL
);
CREATE UNIQUE INDEX ix_catalog_versions_item_number ON catalog_versions (item_id, number);

CREATE TABLE selection_draws (
    id TEXT NOT NULL PRIMARY KEY,
    item_id TEXT NOT NULL REFERENCES catalog_items (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    criteria TEXT NOT NULL,
    seed TEXT NOT NULL,
    population TEXT NOT NULL,
    sample_size INTEGER NOT NULL,
    selected TEXT NOT NULL,
    drawn_by TEXT NOT NULL,
    drawn_at INTEGER NOT NULL
);
CREATE INDEX ix_selection_draws_item ON selection_draws (item_id, drawn_at);

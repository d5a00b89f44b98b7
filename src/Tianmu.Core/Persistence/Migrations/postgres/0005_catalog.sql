-- The enforcement catalog (Z3) with versions, and reproducible selection draws (Z5).
CREATE TABLE catalog_items (
    id uuid NOT NULL PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    code text NOT NULL,
    created_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_catalog_items_code ON catalog_items (code);
CREATE INDEX ix_catalog_items_agency ON catalog_items (agency_id);

CREATE TABLE catalog_versions (
    id uuid NOT NULL PRIMARY KEY,
    item_id uuid NOT NULL REFERENCES catalog_items (id),
    number integer NOT NULL,
    status text NOT NULL,
    name text NOT NULL,
    categories text NOT NULL,
    methods text NOT NULL,
    rule_pack text NULL,
    obligation_basis text NOT NULL,
    penalty_basis text NOT NULL,
    discretion_range text NOT NULL,
    leniency text NULL,
    effective_from date NOT NULL,
    effective_to date NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    published_by text NULL,
    published_at timestamptz NULL
);
CREATE UNIQUE INDEX ix_catalog_versions_item_number ON catalog_versions (item_id, number);

CREATE TABLE selection_draws (
    id uuid NOT NULL PRIMARY KEY,
    item_id uuid NOT NULL REFERENCES catalog_items (id),
    agency_id uuid NOT NULL REFERENCES agencies (id),
    criteria text NOT NULL,
    seed text NOT NULL,
    population text NOT NULL,
    sample_size integer NOT NULL,
    selected text NOT NULL,
    drawn_by text NOT NULL,
    drawn_at timestamptz NOT NULL
);
CREATE INDEX ix_selection_draws_item ON selection_draws (item_id, drawn_at);

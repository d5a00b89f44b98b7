-- Clues pushed by the provincial platform (Z8) and the platform clients allowed to push them.
CREATE TABLE platform_clients (
    id TEXT NOT NULL PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    name TEXT NOT NULL,
    secret_cipher TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    revoked_at INTEGER NULL
);

CREATE TABLE provincial_clues (
    id TEXT NOT NULL PRIMARY KEY,
    client_id TEXT NOT NULL REFERENCES platform_clients (id),
    external_id TEXT NOT NULL,
    title TEXT NOT NULL,
    content TEXT NOT NULL,
    entity_name TEXT NULL,
    credit_code TEXT NULL,
    entity_id TEXT NULL REFERENCES entities (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    deadline INTEGER NOT NULL,
    status TEXT NOT NULL,
    accepted_by TEXT NULL,
    accepted_at INTEGER NULL,
    result TEXT NULL,
    handled_by TEXT NULL,
    handled_at INTEGER NULL,
    escalated_at INTEGER NULL
);
CREATE UNIQUE INDEX ix_provincial_clues_external ON provincial_clues (client_id, external_id);
CREATE INDEX ix_provincial_clues_agency_path ON provincial_clues (agency_path, deadline);
CREATE INDEX ix_provincial_clues_open ON provincial_clues (status, deadline);

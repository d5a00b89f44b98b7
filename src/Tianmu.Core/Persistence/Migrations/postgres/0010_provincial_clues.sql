-- Clues pushed by the provincial platform (Z8) and the platform clients allowed to push them.
CREATE TABLE platform_clients (
    id uuid NOT NULL PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    name text NOT NULL,
    secret_cipher text NOT NULL,
    created_at timestamptz NOT NULL,
    revoked_at timestamptz NULL
);

CREATE TABLE provincial_clues (
    id uuid NOT NULL PRIMARY KEY,
    client_id uuid NOT NULL REFERENCES platform_clients (id),
    external_id text NOT NULL,
    title text NOT NULL,
    content text NOT NULL,
    entity_name text NULL,
    credit_code text NULL,
    entity_id uuid NULL REFERENCES entities (id),
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    received_at timestamptz NOT NULL,
    deadline timestamptz NOT NULL,
    status text NOT NULL,
    accepted_by text NULL,
    accepted_at timestamptz NULL,
    result text NULL,
    handled_by text NULL,
    handled_at timestamptz NULL,
    escalated_at timestamptz NULL
);
CREATE UNIQUE INDEX ix_provincial_clues_external ON provincial_clues (client_id, external_id);
CREATE INDEX ix_provincial_clues_agency_path ON provincial_clues (agency_path, deadline);
CREATE INDEX ix_provincial_clues_open ON provincial_clues (status, deadline);

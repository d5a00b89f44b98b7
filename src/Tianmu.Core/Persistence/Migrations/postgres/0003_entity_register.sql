-- The entity register: individuals, encrypted contacts, licences, and entity users.
ALTER TABLE entities ADD COLUMN is_individual boolean NOT NULL DEFAULT false;
ALTER TABLE entities ADD COLUMN id_number_cipher text NULL;
ALTER TABLE entities ADD COLUMN id_number_hash text NULL;
ALTER TABLE entities ADD COLUMN contact_name text NULL;
ALTER TABLE entities ADD COLUMN contact_phone_cipher text NULL;
ALTER TABLE entities ADD COLUMN created_at timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX ix_entities_credit_code ON entities (credit_code);
CREATE UNIQUE INDEX ix_entities_id_number_hash ON entities (id_number_hash);
CREATE INDEX ix_entities_agency_name ON entities (agency_id, name);
CREATE INDEX ix_entities_category ON entities (category, sub_category);

CREATE TABLE licences (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id) ON DELETE CASCADE,
    kind text NOT NULL,
    number text NOT NULL,
    valid_from date NULL,
    valid_to date NULL
);
CREATE INDEX ix_licences_entity_id ON licences (entity_id);

CREATE TABLE entity_users (
    entity_id uuid NOT NULL REFERENCES entities (id),
    user_id uuid NOT NULL REFERENCES users (id),
    PRIMARY KEY (entity_id, user_id)
);
CREATE INDEX ix_entity_users_user_id ON entity_users (user_id);

-- Agencies, users and roles, API tokens, regulated entities, and the append-only audit trail.
CREATE TABLE agencies (
    id TEXT NOT NULL PRIMARY KEY,
    parent_id TEXT NULL REFERENCES agencies (id),
    level TEXT NOT NULL,
    division_code TEXT NOT NULL,
    name TEXT NOT NULL,
    short_name TEXT NOT NULL,
    path TEXT NOT NULL
);
CREATE UNIQUE INDEX ix_agencies_division_code ON agencies (division_code);
CREATE INDEX ix_agencies_path ON agencies (path);

CREATE TABLE users (
    id TEXT NOT NULL PRIMARY KEY,
    user_name TEXT NOT NULL,
    normalized_user_name TEXT NOT NULL,
    display_name TEXT NOT NULL,
    agency_id TEXT NULL REFERENCES agencies (id),
    credential_number TEXT NULL,
    phone_cipher TEXT NULL,
    is_active INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    password_hash TEXT NULL,
    security_stamp TEXT NOT NULL,
    concurrency_stamp TEXT NOT NULL,
    lockout_end INTEGER NULL,
    lockout_enabled INTEGER NOT NULL,
    access_failed_count INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_users_normalized_user_name ON users (normalized_user_name);
CREATE INDEX ix_users_agency_id ON users (agency_id);

CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    PRIMARY KEY (user_id, role)
);

CREATE TABLE api_tokens (
    id TEXT NOT NULL PRIMARY KEY,
    token_hash TEXT NOT NULL,
    user_id TEXT NOT NULL REFERENCES users (id),
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL,
    revoked_at INTEGER NULL
);
CREATE UNIQUE INDEX ix_api_tokens_token_hash ON api_tokens (token_hash);

CREATE TABLE entities (
    id TEXT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    credit_code TEXT NULL,
    category TEXT NOT NULL,
    sub_category TEXT NOT NULL,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    address TEXT NOT NULL
);
CREATE INDEX ix_entities_agency_id ON entities (agency_id);

CREATE TABLE audit_records (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    actor_id TEXT NULL,
    actor_name TEXT NOT NULL,
    agency_path TEXT NULL,
    request_id TEXT NULL,
    action TEXT NOT NULL,
    entity_type TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    changes TEXT NOT NULL
);
CREATE INDEX ix_audit_records_at ON audit_records (at);
CREATE INDEX ix_audit_records_entity ON audit_records (entity_type, entity_id);

-- The trail is append-only: the database itself refuses to change or remove a record.
CREATE TRIGGER audit_records_no_update BEFORE UPDATE ON audit_records
BEGIN
    SELECT RAISE(ABORT, 'audit_records is append-only');
END;
CREATE TRIGGER audit_records_no_delete BEFORE DELETE ON audit_records
BEGIN
    SELECT RAISE(ABORT, 'audit_records is append-only');
END;

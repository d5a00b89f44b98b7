-- The tamper-evident evidence log (RFC 9162 Merkle tree): the queue the triggers fill, the leaves, the
-- signed tree heads, the signing keys' public halves, and the log's hash algorithm.
CREATE TABLE log_queue (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    -- UTC ticks (100 ns since 0001-01-01), as every instant in this schema; julianday 1721425.5 is that day.
    queued_at INTEGER NOT NULL DEFAULT (CAST((julianday('now') - 1721425.5) * 864000000000 AS INTEGER)),
    missing_since INTEGER NULL
);

CREATE TABLE log_leaves (
    leaf_index INTEGER NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    leaf_hash BLOB NOT NULL,
    appended_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ux_log_leaves_kind_ref ON log_leaves (kind, ref);

CREATE TABLE log_tree_heads (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    tree_size INTEGER NOT NULL,
    root_hash BLOB NOT NULL,
    issued_at INTEGER NOT NULL,
    hash_algorithm TEXT NOT NULL,
    key_id TEXT NOT NULL,
    signature_algorithm TEXT NOT NULL,
    signature BLOB NOT NULL,
    timestamp_token BLOB NULL
);
CREATE INDEX ix_log_tree_heads_tree_size ON log_tree_heads (tree_size);

CREATE TABLE log_keys (
    key_id TEXT NOT NULL PRIMARY KEY,
    algorithm TEXT NOT NULL,
    public_key BLOB NOT NULL,
    created_at INTEGER NOT NULL,
    retired_at INTEGER NULL
);

CREATE TABLE log_parameters (
    id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    hash_algorithm TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

-- Leaves and tree heads are append-only: the database itself refuses to change or remove them.
CREATE TRIGGER log_leaves_no_update BEFORE UPDATE ON log_leaves
BEGIN
    SELECT RAISE(ABORT, 'log_leaves is append-only');
END;
CREATE TRIGGER log_leaves_no_delete BEFORE DELETE ON log_leaves
BEGIN
    SELECT RAISE(ABORT, 'log_leaves is append-only');
END;
CREATE TRIGGER log_tree_heads_no_update BEFORE UPDATE ON log_tree_heads
BEGIN
    SELECT RAISE(ABORT, 'log_tree_heads is append-only');
END;
CREATE TRIGGER log_tree_heads_no_delete BEFORE DELETE ON log_tree_heads
BEGIN
    SELECT RAISE(ABORT, 'log_tree_heads is append-only');
END;

-- Every audit record is queued for the log in the transaction that writes it, so none can miss the log.
CREATE TRIGGER audit_records_to_log AFTER INSERT ON audit_records
BEGIN
    INSERT INTO log_queue (kind, ref) VALUES ('audit', CAST(NEW.id AS TEXT));
END;

-- Audit records written before the log existed are queued too.
INSERT INTO log_queue (kind, ref) SELECT 'audit', CAST(id AS TEXT) FROM audit_records ORDER BY id;

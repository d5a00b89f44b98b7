-- Device readings (time series) and the encrypted device secret that signs ingest requests.
-- The key makes a repeated reading a no-op (idempotent ingest); WITHOUT ROWID stores rows in key order.
CREATE TABLE readings (
    device_id TEXT NOT NULL,
    metric TEXT NOT NULL,
    device_time INTEGER NOT NULL,
    value REAL NOT NULL,
    quality TEXT NOT NULL,
    usable INTEGER NOT NULL,
    received_at INTEGER NOT NULL,
    PRIMARY KEY (device_id, metric, device_time)
) WITHOUT ROWID;

ALTER TABLE devices ADD COLUMN credential_cipher TEXT NULL;

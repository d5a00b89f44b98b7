-- Device readings (time series) and the encrypted device secret that signs ingest requests.
-- The key makes a repeated reading a no-op (idempotent ingest).
CREATE TABLE readings (
    device_id uuid NOT NULL,
    metric text NOT NULL,
    device_time timestamptz NOT NULL,
    value double precision NOT NULL,
    quality text NOT NULL,
    usable boolean NOT NULL,
    received_at timestamptz NOT NULL,
    PRIMARY KEY (device_id, metric, device_time)
);

ALTER TABLE devices ADD COLUMN credential_cipher text NULL;

-- AI events from edge boxes with their media (originals in the object store), and camera baselines.
CREATE TABLE ai_events (
    id TEXT NOT NULL PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices (id),
    external_id TEXT NOT NULL,
    camera TEXT NOT NULL,
    type TEXT NOT NULL,
    confidence REAL NOT NULL,
    occurred_at INTEGER NOT NULL,
    usable INTEGER NOT NULL,
    received_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_ai_events_device_external ON ai_events (device_id, external_id);
CREATE INDEX ix_ai_events_device_time ON ai_events (device_id, occurred_at);

CREATE TABLE ai_event_media (
    event_id TEXT NOT NULL REFERENCES ai_events (id),
    sha256 TEXT NOT NULL,
    kind TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size_bytes INTEGER NOT NULL,
    PRIMARY KEY (event_id, sha256)
);
CREATE INDEX ix_ai_event_media_sha256 ON ai_event_media (sha256);

CREATE TABLE camera_baselines (
    device_id TEXT NOT NULL REFERENCES devices (id),
    camera TEXT NOT NULL,
    baseline TEXT NOT NULL,
    source_sha256 TEXT NOT NULL,
    set_at INTEGER NOT NULL,
    set_by TEXT NOT NULL,
    PRIMARY KEY (device_id, camera)
);

-- AI events from edge boxes with their media (originals in the object store), and camera baselines.
CREATE TABLE ai_events (
    id uuid NOT NULL PRIMARY KEY,
    device_id uuid NOT NULL REFERENCES devices (id),
    external_id text NOT NULL,
    camera text NOT NULL,
    type text NOT NULL,
    confidence double precision NOT NULL,
    occurred_at timestamptz NOT NULL,
    usable boolean NOT NULL,
    received_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_ai_events_device_external ON ai_events (device_id, external_id);
CREATE INDEX ix_ai_events_device_time ON ai_events (device_id, occurred_at);

CREATE TABLE ai_event_media (
    event_id uuid NOT NULL REFERENCES ai_events (id),
    sha256 text NOT NULL,
    kind text NOT NULL,
    content_type text NOT NULL,
    size_bytes bigint NOT NULL,
    PRIMARY KEY (event_id, sha256)
);
CREATE INDEX ix_ai_event_media_sha256 ON ai_event_media (sha256);

CREATE TABLE camera_baselines (
    device_id uuid NOT NULL REFERENCES devices (id),
    camera text NOT NULL,
    baseline text NOT NULL,
    source_sha256 text NOT NULL,
    set_at timestamptz NOT NULL,
    set_by text NOT NULL,
    PRIMARY KEY (device_id, camera)
);

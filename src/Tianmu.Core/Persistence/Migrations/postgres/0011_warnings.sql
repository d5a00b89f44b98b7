-- Warnings (预警): one per rule episode, with the rule as it was and the samples that raised it.
CREATE TABLE warnings (
    id uuid NOT NULL PRIMARY KEY,
    pack_code text NOT NULL,
    pack_version integer NOT NULL,
    rule_code text NOT NULL,
    rule_name text NOT NULL,
    clause text NOT NULL,
    category text NOT NULL,
    severity text NOT NULL,
    metric text NULL,
    device_id uuid NULL REFERENCES devices (id),
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    episode_start timestamptz NOT NULL,
    raised_at timestamptz NOT NULL,
    episode_end timestamptz NULL,
    summary text NOT NULL,
    evidence_json text NOT NULL,
    status text NOT NULL,
    is_open boolean NOT NULL,
    created_at timestamptz NOT NULL,
    last_seen_at timestamptz NOT NULL,
    respond_by timestamptz NOT NULL,
    escalated_at timestamptz NULL,
    handled_by text NULL,
    note text NULL,
    rectify_by date NULL,
    updated_at timestamptz NULL
);
-- At most one open warning per rule and subject, whichever node raises it.
CREATE UNIQUE INDEX ix_warnings_open ON warnings (rule_code, coalesce(device_id, '00000000-0000-0000-0000-000000000000'::uuid), entity_id) WHERE is_open;
CREATE INDEX ix_warnings_agency ON warnings (agency_path, created_at);
CREATE INDEX ix_warnings_entity ON warnings (entity_id, created_at);

-- Cases (案件): the procedure from 受理 to 归档, its members, timeline, relied-on evidence and the party's statements.
CREATE TABLE cases (
    id uuid NOT NULL PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    entity_id uuid NOT NULL REFERENCES entities (id),
    party text NOT NULL,
    title text NOT NULL,
    catalog_item_id uuid NULL REFERENCES catalog_items (id),
    source text NOT NULL,
    source_ref text NULL,
    source_summary text NOT NULL,
    procedure text NOT NULL,
    stage text NOT NULL,
    policy_version text NULL,
    accepted_on date NOT NULL,
    accepted_at timestamptz NOT NULL,
    accepted_by text NOT NULL,
    filed_on date NULL,
    violation_ended_on date NULL,
    health_harm boolean NOT NULL,
    preserved_on date NULL,
    report text NULL,
    proposed_outcome text NULL,
    proposed_warning boolean NOT NULL,
    proposed_fine numeric NOT NULL,
    proposed_confiscation numeric NOT NULL,
    proposed_severe text NULL,
    discretion_reason text NULL,
    legal_review_required boolean NOT NULL,
    legal_review_passed boolean NULL,
    legal_review_after_hearing_passed boolean NULL,
    discussion_required boolean NOT NULL,
    discussion_recorded boolean NOT NULL,
    notice_served_on date NULL,
    rights_waived boolean NOT NULL,
    hearing_requested_on date NULL,
    hearing_noticed_on date NULL,
    hearing_date date NULL,
    hearing_held boolean NOT NULL,
    decided_outcome text NULL,
    decided_warning boolean NOT NULL,
    decided_fine numeric NOT NULL,
    decided_confiscation numeric NOT NULL,
    decided_severe text NULL,
    decided_on date NULL,
    served_on date NULL,
    service_method text NULL,
    payment_deferred_to date NULL,
    amount_paid numeric NOT NULL,
    paid_on date NULL,
    suspended_since date NULL,
    suspended_days integer NOT NULL,
    extension_days integer NOT NULL,
    closed_on date NULL,
    archived_at timestamptz NULL,
    updated_at timestamptz NOT NULL,
    version integer NOT NULL
);

CREATE UNIQUE INDEX ix_cases_source ON cases (source, source_ref) WHERE source_ref IS NOT NULL;
CREATE INDEX ix_cases_agency_path ON cases (agency_path, stage);
CREATE INDEX ix_cases_entity ON cases (entity_id);

CREATE TABLE case_members (
    case_id uuid NOT NULL REFERENCES cases (id),
    user_id uuid NOT NULL REFERENCES users (id),
    role text NOT NULL,
    display_name text NOT NULL,
    credential_number text NULL,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, user_id, role)
);

-- The timeline: every step taken, by whom and when (accountability, S18/Z21).
CREATE TABLE case_events (
    id uuid NOT NULL PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES cases (id),
    action text NOT NULL,
    from_stage text NOT NULL,
    to_stage text NOT NULL,
    actor_id uuid NOT NULL,
    actor_name text NOT NULL,
    at timestamptz NOT NULL,
    note text NULL,
    details_json text NOT NULL
);
CREATE INDEX ix_case_events_case ON case_events (case_id, at);

CREATE TABLE case_evidence (
    case_id uuid NOT NULL REFERENCES cases (id),
    item_id uuid NOT NULL REFERENCES evidence_items (id),
    added_by text NOT NULL,
    added_at timestamptz NOT NULL,
    PRIMARY KEY (case_id, item_id)
);

CREATE TABLE case_statements (
    id uuid NOT NULL PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES cases (id),
    channel text NOT NULL,
    text text NOT NULL,
    recorded_by text NOT NULL,
    received_at timestamptz NOT NULL,
    review text NULL,
    accepted boolean NULL,
    reviewed_by text NULL,
    reviewed_at timestamptz NULL
);
CREATE INDEX ix_case_statements_case ON case_statements (case_id);

-- 法律职业资格证书编号: a first-time legal reviewer must hold it (行政处罚法 art. 58 ¶2).
ALTER TABLE users ADD COLUMN legal_qualification text NULL;

-- Cases (案件): the procedure from 受理 to 归档, its members, timeline, relied-on evidence and the party's statements.
CREATE TABLE cases (
    id TEXT NOT NULL PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    party TEXT NOT NULL,
    title TEXT NOT NULL,
    catalog_item_id TEXT NULL REFERENCES catalog_items (id),
    source TEXT NOT NULL,
    source_ref TEXT NULL,
    source_summary TEXT NOT NULL,
    procedure TEXT NOT NULL,
    stage TEXT NOT NULL,
    policy_version TEXT NULL,
    accepted_on TEXT NOT NULL,
    accepted_at INTEGER NOT NULL,
    accepted_by TEXT NOT NULL,
    filed_on TEXT NULL,
    violation_ended_on TEXT NULL,
    health_harm INTEGER NOT NULL,
    preserved_on TEXT NULL,
    report TEXT NULL,
    proposed_outcome TEXT NULL,
    proposed_warning INTEGER NOT NULL,
    proposed_fine TEXT NOT NULL,
    proposed_confiscation TEXT NOT NULL,
    proposed_severe TEXT NULL,
    discretion_reason TEXT NULL,
    legal_review_required INTEGER NOT NULL,
    legal_review_passed INTEGER NULL,
    legal_review_after_hearing_passed INTEGER NULL,
    discussion_required INTEGER NOT NULL,
    discussion_recorded INTEGER NOT NULL,
    notice_served_on TEXT NULL,
    rights_waived INTEGER NOT NULL,
    hearing_requested_on TEXT NULL,
    hearing_noticed_on TEXT NULL,
    hearing_date TEXT NULL,
    hearing_held INTEGER NOT NULL,
    decided_outcome TEXT NULL,
    decided_warning INTEGER NOT NULL,
    decided_fine TEXT NOT NULL,
    decided_confiscation TEXT NOT NULL,
    decided_severe TEXT NULL,
    decided_on TEXT NULL,
    served_on TEXT NULL,
    service_method TEXT NULL,
    payment_deferred_to TEXT NULL,
    amount_paid TEXT NOT NULL,
    paid_on TEXT NULL,
    suspended_since TEXT NULL,
    suspended_days INTEGER NOT NULL,
    extension_days INTEGER NOT NULL,
    closed_on TEXT NULL,
    archived_at INTEGER NULL,
    updated_at INTEGER NOT NULL,
    version INTEGER NOT NULL
);

CREATE UNIQUE INDEX ix_cases_source ON cases (source, source_ref) WHERE source_ref IS NOT NULL;
CREATE INDEX ix_cases_agency_path ON cases (agency_path, stage);
CREATE INDEX ix_cases_entity ON cases (entity_id);

CREATE TABLE case_members (
    case_id TEXT NOT NULL REFERENCES cases (id),
    user_id TEXT NOT NULL REFERENCES users (id),
    role TEXT NOT NULL,
    display_name TEXT NOT NULL,
    credential_number TEXT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, user_id, role)
);

-- The timeline: every step taken, by whom and when (accountability, S18/Z21).
CREATE TABLE case_events (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    action TEXT NOT NULL,
    from_stage TEXT NOT NULL,
    to_stage TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    actor_name TEXT NOT NULL,
    at INTEGER NOT NULL,
    note TEXT NULL,
    details_json TEXT NOT NULL
);
CREATE INDEX ix_case_events_case ON case_events (case_id, at);

CREATE TABLE case_evidence (
    case_id TEXT NOT NULL REFERENCES cases (id),
    item_id TEXT NOT NULL REFERENCES evidence_items (id),
    added_by TEXT NOT NULL,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (case_id, item_id)
);

CREATE TABLE case_statements (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    channel TEXT NOT NULL,
    text TEXT NOT NULL,
    recorded_by TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    review TEXT NULL,
    accepted INTEGER NULL,
    reviewed_by TEXT NULL,
    reviewed_at INTEGER NULL
);
CREATE INDEX ix_case_statements_case ON case_statements (case_id);

-- 法律职业资格证书编号: a first-time legal reviewer must hold it (行政处罚法 art. 58 ¶2).
ALTER TABLE users ADD COLUMN legal_qualification TEXT NULL;

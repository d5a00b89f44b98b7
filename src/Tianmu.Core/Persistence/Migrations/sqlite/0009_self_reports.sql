-- Self-reports (自律报送): forms per catalog item, submissions with their commitment, overdue periods.
CREATE TABLE self_report_forms (
    id TEXT NOT NULL PRIMARY KEY,
    catalog_item_id TEXT NOT NULL REFERENCES catalog_items (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    name TEXT NOT NULL,
    version INTEGER NOT NULL,
    categories_json TEXT NOT NULL,
    sub_categories_json TEXT NOT NULL,
    fields_json TEXT NOT NULL,
    attachments_json TEXT NOT NULL,
    frequency TEXT NOT NULL,
    due_time TEXT NOT NULL,
    commitment_text TEXT NOT NULL,
    active INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    effective_from TEXT NOT NULL
);
CREATE INDEX ix_self_report_forms_agency_path ON self_report_forms (agency_path);

CREATE TABLE self_reports (
    id TEXT NOT NULL PRIMARY KEY,
    form_id TEXT NOT NULL REFERENCES self_report_forms (id),
    form_version INTEGER NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    period_start TEXT NOT NULL,
    values_json TEXT NOT NULL,
    attachments_json TEXT NOT NULL,
    commitment_text TEXT NOT NULL,
    commitment_hash TEXT NOT NULL,
    signer_user_id TEXT NOT NULL,
    signer_name TEXT NOT NULL,
    submitted_at INTEGER NOT NULL,
    late INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_self_reports_period ON self_reports (form_id, entity_id, period_start);
CREATE INDEX ix_self_reports_entity ON self_reports (entity_id, submitted_at);

CREATE TABLE overdue_reports (
    form_id TEXT NOT NULL REFERENCES self_report_forms (id),
    entity_id TEXT NOT NULL REFERENCES entities (id),
    period_start TEXT NOT NULL,
    due_at INTEGER NOT NULL,
    detected_at INTEGER NOT NULL,
    reported_at INTEGER NULL,
    PRIMARY KEY (form_id, entity_id, period_start)
);
CREATE INDEX ix_overdue_reports_entity ON overdue_reports (entity_id, due_at);

-- Self-reports (自律报送): forms per catalog item, submissions with their commitment, overdue periods.
CREATE TABLE self_report_forms (
    id uuid NOT NULL PRIMARY KEY,
    catalog_item_id uuid NOT NULL REFERENCES catalog_items (id),
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    name text NOT NULL,
    version integer NOT NULL,
    categories_json text NOT NULL,
    sub_categories_json text NOT NULL,
    fields_json text NOT NULL,
    attachments_json text NOT NULL,
    frequency text NOT NULL,
    due_time time NOT NULL,
    commitment_text text NOT NULL,
    active boolean NOT NULL,
    created_at timestamptz NOT NULL,
    effective_from date NOT NULL
);
CREATE INDEX ix_self_report_forms_agency_path ON self_report_forms (agency_path);

CREATE TABLE self_reports (
    id uuid NOT NULL PRIMARY KEY,
    form_id uuid NOT NULL REFERENCES self_report_forms (id),
    form_version integer NOT NULL,
    entity_id uuid NOT NULL REFERENCES entities (id),
    period_start date NOT NULL,
    values_json text NOT NULL,
    attachments_json text NOT NULL,
    commitment_text text NOT NULL,
    commitment_hash text NOT NULL,
    signer_user_id uuid NOT NULL,
    signer_name text NOT NULL,
    submitted_at timestamptz NOT NULL,
    late boolean NOT NULL
);
CREATE UNIQUE INDEX ix_self_reports_period ON self_reports (form_id, entity_id, period_start);
CREATE INDEX ix_self_reports_entity ON self_reports (entity_id, submitted_at);

CREATE TABLE overdue_reports (
    form_id uuid NOT NULL REFERENCES self_report_forms (id),
    entity_id uuid NOT NULL REFERENCES entities (id),
    period_start date NOT NULL,
    due_at timestamptz NOT NULL,
    detected_at timestamptz NOT NULL,
    reported_at timestamptz NULL,
    PRIMARY KEY (form_id, entity_id, period_start)
);
CREATE INDEX ix_overdue_reports_entity ON overdue_reports (entity_id, due_at);

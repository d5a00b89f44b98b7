-- Enforcement documents (文书): drafts editable until issued; numbered per agency, year and type without
-- gaps (document_counters); an issued row never changes and is queued for the evidence log.

CREATE TABLE IF NOT EXISTS log_queue (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    kind TEXT NOT NULL,
    ref TEXT NOT NULL,
    queued_at INTEGER NOT NULL
);

CREATE TABLE documents (
    id TEXT NOT NULL PRIMARY KEY,
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    case_id TEXT NULL REFERENCES cases (id),
    type TEXT NOT NULL,
    status TEXT NOT NULL,
    fields TEXT NOT NULL,
    template_version INTEGER NOT NULL,
    html TEXT NULL,
    year INTEGER NULL,
    serial INTEGER NULL,
    number TEXT NULL,
    pdf_sha256 TEXT NULL,
    signature_sha256 TEXT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    numbered_at INTEGER NULL,
    issued_by TEXT NULL,
    issued_at INTEGER NULL
);
CREATE INDEX ix_documents_scope ON documents (agency_path, created_at);
CREATE INDEX ix_documents_case ON documents (case_id);
CREATE INDEX ix_documents_entity ON documents (entity_id);
-- Every number belongs to exactly one document.
CREATE UNIQUE INDEX ix_documents_agency_id_year_type_serial ON documents (agency_id, year, type, serial);

-- The last serial given per agency, year and type; incremented in the transaction that numbers a document.
CREATE TABLE document_counters (
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    year INTEGER NOT NULL,
    type TEXT NOT NULL,
    last_serial INTEGER NOT NULL,
    PRIMARY KEY (agency_id, year, type)
);

-- Administrators' template versions; the latest of a type overrides the shipped template.
CREATE TABLE document_templates (
    type TEXT NOT NULL,
    version INTEGER NOT NULL,
    html TEXT NOT NULL,
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (type, version)
);

-- Once numbered, what was frozen (number, HTML, fields, parties) stays; once issued, nothing changes.
CREATE TRIGGER documents_issued_no_update BEFORE UPDATE ON documents
WHEN OLD.status = 'Issued'
BEGIN
    SELECT RAISE(ABORT, 'an issued document cannot be changed');
END;
CREATE TRIGGER documents_numbered_frozen BEFORE UPDATE ON documents
WHEN OLD.status = 'Numbered' AND NOT (NEW.status IN ('Numbered', 'Issued')
    AND NEW.id IS OLD.id AND NEW.agency_id IS OLD.agency_id AND NEW.agency_path IS OLD.agency_path AND NEW.entity_id IS OLD.entity_id
    AND NEW.case_id IS OLD.case_id AND NEW.type IS OLD.type AND NEW.fields IS OLD.fields AND NEW.template_version IS OLD.template_version
    AND NEW.html IS OLD.html AND NEW.year IS OLD.year AND NEW.serial IS OLD.serial AND NEW.number IS OLD.number
    AND NEW.created_by IS OLD.created_by AND NEW.created_at IS OLD.created_at AND NEW.numbered_at IS OLD.numbered_at)
BEGIN
    SELECT RAISE(ABORT, 'a numbered document keeps its number and content');
END;
CREATE TRIGGER documents_no_delete BEFORE DELETE ON documents
WHEN OLD.status <> 'Draft'
BEGIN
    SELECT RAISE(ABORT, 'a numbered or issued document cannot be deleted');
END;
CREATE TRIGGER documents_log AFTER UPDATE OF status ON documents
WHEN NEW.status = 'Issued' AND OLD.status <> 'Issued'
BEGIN
    INSERT INTO log_queue (kind, ref, queued_at) VALUES ('document', lower(NEW.id), CAST((julianday('now') - 1721425.5) * 864000000000 AS INTEGER));
END;
CREATE TRIGGER document_templates_no_update BEFORE UPDATE ON document_templates
BEGIN
    SELECT RAISE(ABORT, 'document_templates is append-only');
END;

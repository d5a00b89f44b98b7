-- Enforcement documents (文书): drafts editable until issued; numbered per agency, year and type without
-- gaps (document_counters); an issued row never changes and is queued for the evidence log.

CREATE TABLE IF NOT EXISTS log_queue (
    id bigserial PRIMARY KEY,
    kind text NOT NULL,
    ref text NOT NULL,
    queued_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE documents (
    id uuid NOT NULL PRIMARY KEY,
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    entity_id uuid NOT NULL REFERENCES entities (id),
    case_id uuid NULL REFERENCES cases (id),
    type text NOT NULL,
    status text NOT NULL,
    fields text NOT NULL,
    template_version integer NOT NULL,
    html text NULL,
    year integer NULL,
    serial integer NULL,
    number text NULL,
    pdf_sha256 text NULL,
    signature_sha256 text NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    numbered_at timestamptz NULL,
    issued_by text NULL,
    issued_at timestamptz NULL
);
CREATE INDEX ix_documents_scope ON documents (agency_path text_pattern_ops, created_at);
CREATE INDEX ix_documents_case ON documents (case_id);
CREATE INDEX ix_documents_entity ON documents (entity_id);
-- Every number belongs to exactly one document.
CREATE UNIQUE INDEX ix_documents_agency_id_year_type_serial ON documents (agency_id, year, type, serial);

-- The last serial given per agency, year and type; incremented in the transaction that numbers a document.
CREATE TABLE document_counters (
    agency_id uuid NOT NULL REFERENCES agencies (id),
    year integer NOT NULL,
    type text NOT NULL,
    last_serial integer NOT NULL,
    PRIMARY KEY (agency_id, year, type)
);

-- Administrators' template versions; the latest of a type overrides the shipped template.
CREATE TABLE document_templates (
    type text NOT NULL,
    version integer NOT NULL,
    html text NOT NULL,
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    PRIMARY KEY (type, version)
);

-- Once numbered, what was frozen (number, HTML, fields, parties) stays; once issued, nothing changes.
CREATE FUNCTION documents_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        IF OLD.status <> 'Draft' THEN
            RAISE EXCEPTION 'a numbered or issued document cannot be deleted' USING ERRCODE = 'insufficient_privilege';
        END IF;
        RETURN OLD;
    END IF;
    IF OLD.status = 'Issued' THEN
        RAISE EXCEPTION 'an issued document cannot be changed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.status = 'Numbered' AND (NEW.status NOT IN ('Numbered', 'Issued')
        OR (to_jsonb(NEW) - 'status' - 'pdf_sha256' - 'signature_sha256' - 'issued_by' - 'issued_at')
           <> (to_jsonb(OLD) - 'status' - 'pdf_sha256' - 'signature_sha256' - 'issued_by' - 'issued_at')) THEN
        RAISE EXCEPTION 'a numbered document keeps its number and content' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER documents_guard BEFORE UPDATE OR DELETE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_guard();

CREATE FUNCTION documents_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.status = 'Issued' AND OLD.status <> 'Issued' THEN
        INSERT INTO log_queue (kind, ref, queued_at) VALUES ('document', NEW.id::text, now());
    END IF;
    RETURN NULL;
END;
$$;
CREATE TRIGGER documents_log AFTER UPDATE ON documents
    FOR EACH ROW EXECUTE FUNCTION documents_queue();

CREATE FUNCTION document_templates_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'document_templates is append-only' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER document_templates_no_update BEFORE UPDATE ON document_templates
    FOR EACH ROW EXECUTE FUNCTION document_templates_append_only();

-- Service (送达): the party's service-address confirmations (送达地址确认书, history kept), the service of each
-- issued document with its evidence and service date, and the publication of penalty decisions (行政处罚法第四十八条).

CREATE TABLE service_address_confirmations (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    address text NOT NULL,
    method text NOT NULL,
    electronic_consent boolean NOT NULL,
    portal_account text NULL,
    phone_cipher text NULL,
    phone_masked text NULL,
    email_cipher text NULL,
    email_masked text NULL,
    text_cipher text NOT NULL,
    text_sha256 text NOT NULL,
    masked_text text NOT NULL,
    channel text NOT NULL,
    signed_by_user_id uuid NULL REFERENCES users (id),
    signed_by_name text NOT NULL,
    signed_at timestamptz NOT NULL,
    recorded_by text NULL,
    attachment_sha256 text NULL,
    attachment_type text NULL,
    superseded_at timestamptz NULL,
    -- the confirmation that replaced it; no foreign key: it is written just before the newer row exists
    superseded_by_id uuid NULL
);
-- One current confirmation per entity; the superseded ones are its history.
CREATE UNIQUE INDEX ix_service_address_confirmations_current ON service_address_confirmations (entity_id) WHERE superseded_at IS NULL;
CREATE INDEX ix_service_address_confirmations_entity ON service_address_confirmations (entity_id, signed_at);

-- What was signed never changes; only its supersession is recorded, once. Nothing is deleted.
CREATE FUNCTION service_address_confirmations_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'service-address confirmations are kept' USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF OLD.superseded_at IS NOT NULL
        OR (to_jsonb(NEW) - 'superseded_at' - 'superseded_by_id' - 'recorded_by' - 'attachment_sha256' - 'attachment_type' - 'agency_path')
           <> (to_jsonb(OLD) - 'superseded_at' - 'superseded_by_id' - 'recorded_by' - 'attachment_sha256' - 'attachment_type' - 'agency_path') THEN
        RAISE EXCEPTION 'a signed service-address confirmation cannot be changed' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER service_address_confirmations_guard BEFORE UPDATE OR DELETE ON service_address_confirmations
    FOR EACH ROW EXECUTE FUNCTION service_address_confirmations_guard();

CREATE TABLE service_records (
    id uuid NOT NULL PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents (id),
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    case_id uuid NULL REFERENCES cases (id),
    case_action text NULL,
    step_note text NULL,
    method text NOT NULL,
    status text NOT NULL,
    confirmation_id uuid NULL REFERENCES service_address_confirmations (id),
    addresses text NULL,
    facts_json text NOT NULL,
    delivered_at timestamptz NULL,
    served_on date NULL,
    due_on date NULL,
    first_opened_at timestamptz NULL,
    first_opened_by text NULL,
    attachment_sha256 text NULL,
    attachment_name text NULL,
    attachment_type text NULL,
    evidence_item_id uuid NULL REFERENCES evidence_items (id),
    receipt_document_id uuid NULL REFERENCES documents (id),
    created_by text NOT NULL,
    created_at timestamptz NOT NULL,
    completed_at timestamptz NULL,
    failure_reason text NULL
);
-- A document is served once: at most one service that has not failed.
CREATE UNIQUE INDEX ix_service_records_document ON service_records (document_id) WHERE status <> 'Failed';
-- What the completion job looks for.
CREATE INDEX ix_service_records_pending ON service_records (method, due_on) WHERE status = 'Pending';
CREATE INDEX ix_service_records_entity ON service_records (entity_id, status);
CREATE INDEX ix_service_records_case ON service_records (case_id);
CREATE INDEX ix_service_records_scope ON service_records (agency_path text_pattern_ops, created_at);

CREATE FUNCTION service_records_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'service records are kept' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER service_records_no_delete BEFORE DELETE ON service_records
    FOR EACH ROW EXECUTE FUNCTION service_records_no_delete();

CREATE TABLE decision_publications (
    id uuid NOT NULL PRIMARY KEY,
    document_id uuid NOT NULL REFERENCES documents (id),
    case_id uuid NULL REFERENCES cases (id),
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    agency_name text NOT NULL,
    number text NOT NULL,
    party text NOT NULL,
    content text NOT NULL,
    decided_on date NOT NULL,
    published_by text NOT NULL,
    published_at timestamptz NOT NULL,
    changed_on date NULL,
    change text NULL,
    withdraw_by date NULL,
    withdrawn_at timestamptz NULL,
    withdrawn_by text NULL,
    withdrawal_reason text NULL
);
CREATE UNIQUE INDEX ix_decision_publications_document ON decision_publications (document_id);
CREATE INDEX ix_decision_publications_scope ON decision_publications (agency_path text_pattern_ops, published_at);

CREATE FUNCTION decision_publications_no_delete() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'publications are withdrawn, never deleted' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER decision_publications_no_delete BEFORE DELETE ON decision_publications
    FOR EACH ROW EXECUTE FUNCTION decision_publications_no_delete();

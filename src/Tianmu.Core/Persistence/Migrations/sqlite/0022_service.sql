-- Service (送达): the party's service-address confirmations (送达地址确认书, history kept), the service of each
-- issued document with its evidence and service date, and the publication of penalty decisions (行政处罚法第四十八条).

CREATE TABLE service_address_confirmations (
    id TEXT NOT NULL PRIMARY KEY,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    address TEXT NOT NULL,
    method TEXT NOT NULL,
    electronic_consent INTEGER NOT NULL,
    portal_account TEXT NULL,
    phone_cipher TEXT NULL,
    phone_masked TEXT NULL,
    email_cipher TEXT NULL,
    email_masked TEXT NULL,
    text_cipher TEXT NOT NULL,
    text_sha256 TEXT NOT NULL,
    masked_text TEXT NOT NULL,
    channel TEXT NOT NULL,
    signed_by_user_id TEXT NULL REFERENCES users (id),
    signed_by_name TEXT NOT NULL,
    signed_at INTEGER NOT NULL,
    recorded_by TEXT NULL,
    attachment_sha256 TEXT NULL,
    attachment_type TEXT NULL,
    superseded_at INTEGER NULL,
    -- the confirmation that replaced it; no foreign key: it is written just before the newer row exists
    superseded_by_id TEXT NULL
);
-- One current confirmation per entity; the superseded ones are its history.
CREATE UNIQUE INDEX ix_service_address_confirmations_current ON service_address_confirmations (entity_id) WHERE superseded_at IS NULL;
CREATE INDEX ix_service_address_confirmations_entity ON service_address_confirmations (entity_id, signed_at);

-- What was signed never changes; only its supersession is recorded, once. Nothing is deleted.
CREATE TRIGGER service_address_confirmations_signed BEFORE UPDATE ON service_address_confirmations
WHEN OLD.superseded_at IS NOT NULL OR NOT (NEW.id IS OLD.id AND NEW.entity_id IS OLD.entity_id AND NEW.address IS OLD.address
    AND NEW.method IS OLD.method AND NEW.electronic_consent IS OLD.electronic_consent AND NEW.portal_account IS OLD.portal_account
    AND NEW.phone_cipher IS OLD.phone_cipher AND NEW.email_cipher IS OLD.email_cipher AND NEW.text_cipher IS OLD.text_cipher
    AND NEW.text_sha256 IS OLD.text_sha256 AND NEW.masked_text IS OLD.masked_text AND NEW.channel IS OLD.channel
    AND NEW.signed_by_user_id IS OLD.signed_by_user_id AND NEW.signed_by_name IS OLD.signed_by_name AND NEW.signed_at IS OLD.signed_at)
BEGIN
    SELECT RAISE(ABORT, 'a signed service-address confirmation cannot be changed');
END;
CREATE TRIGGER service_address_confirmations_no_delete BEFORE DELETE ON service_address_confirmations
BEGIN
    SELECT RAISE(ABORT, 'service-address confirmations are kept');
END;

CREATE TABLE service_records (
    id TEXT NOT NULL PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    case_id TEXT NULL REFERENCES cases (id),
    case_action TEXT NULL,
    step_note TEXT NULL,
    method TEXT NOT NULL,
    status TEXT NOT NULL,
    confirmation_id TEXT NULL REFERENCES service_address_confirmations (id),
    addresses TEXT NULL,
    facts_json TEXT NOT NULL,
    delivered_at INTEGER NULL,
    served_on TEXT NULL,
    due_on TEXT NULL,
    first_opened_at INTEGER NULL,
    first_opened_by TEXT NULL,
    attachment_sha256 TEXT NULL,
    attachment_name TEXT NULL,
    attachment_type TEXT NULL,
    evidence_item_id TEXT NULL REFERENCES evidence_items (id),
    receipt_document_id TEXT NULL REFERENCES documents (id),
    created_by TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    completed_at INTEGER NULL,
    failure_reason TEXT NULL
);
-- A document is served once: at most one service that has not failed.
CREATE UNIQUE INDEX ix_service_records_document ON service_records (document_id) WHERE status <> 'Failed';
-- What the completion job looks for.
CREATE INDEX ix_service_records_pending ON service_records (method, due_on) WHERE status = 'Pending';
CREATE INDEX ix_service_records_entity ON service_records (entity_id, status);
CREATE INDEX ix_service_records_case ON service_records (case_id);
CREATE INDEX ix_service_records_scope ON service_records (agency_path, created_at);
CREATE TRIGGER service_records_no_delete BEFORE DELETE ON service_records
BEGIN
    SELECT RAISE(ABORT, 'service records are kept');
END;

CREATE TABLE decision_publications (
    id TEXT NOT NULL PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents (id),
    case_id TEXT NULL REFERENCES cases (id),
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    agency_name TEXT NOT NULL,
    number TEXT NOT NULL,
    party TEXT NOT NULL,
    content TEXT NOT NULL,
    decided_on TEXT NOT NULL,
    published_by TEXT NOT NULL,
    published_at INTEGER NOT NULL,
    changed_on TEXT NULL,
    change TEXT NULL,
    withdraw_by TEXT NULL,
    withdrawn_at INTEGER NULL,
    withdrawn_by TEXT NULL,
    withdrawal_reason TEXT NULL
);
CREATE UNIQUE INDEX ix_decision_publications_document ON decision_publications (document_id);
CREATE INDEX ix_decision_publications_scope ON decision_publications (agency_path, published_at);
CREATE TRIGGER decision_publications_no_delete BEFORE DELETE ON decision_publications
BEGIN
    SELECT RAISE(ABORT, 'publications are withdrawn, never deleted');
END;

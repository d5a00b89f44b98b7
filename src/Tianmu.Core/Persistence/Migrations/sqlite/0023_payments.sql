-- Payments (缴款, Z19; 行政处罚法 arts. 66, 67, 72): one notice with a unique payment code per served decision,
-- each payment the payment platform reports (once per platform transaction id, flagged when it cannot settle a
-- case) and the callback nonces already used (replay guard).
CREATE TABLE payment_notices (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_id TEXT NOT NULL REFERENCES agencies (id),
    agency_path TEXT NOT NULL,
    code TEXT NOT NULL,
    fine TEXT NOT NULL,
    confiscation TEXT NOT NULL,
    issued_at INTEGER NOT NULL
);
CREATE UNIQUE INDEX ix_payment_notices_case ON payment_notices (case_id);
CREATE UNIQUE INDEX ix_payment_notices_code ON payment_notices (code);
CREATE INDEX ix_payment_notices_entity ON payment_notices (entity_id);
CREATE INDEX ix_payment_notices_agency ON payment_notices (agency_path);

CREATE TABLE payments (
    id TEXT NOT NULL PRIMARY KEY,
    transaction_id TEXT NOT NULL,
    code TEXT NOT NULL,
    notice_id TEXT NULL REFERENCES payment_notices (id),
    case_id TEXT NULL REFERENCES cases (id),
    entity_id TEXT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    amount TEXT NOT NULL,
    applied TEXT NOT NULL,
    surcharge TEXT NOT NULL,
    outstanding_after TEXT NOT NULL,
    paid_at INTEGER NOT NULL,
    paid_on TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    channel TEXT NULL,
    flag TEXT NULL,
    flag_reason TEXT NULL
);
CREATE UNIQUE INDEX ix_payments_transaction ON payments (transaction_id);
CREATE INDEX ix_payments_agency ON payments (agency_path, paid_on);
CREATE INDEX ix_payments_case ON payments (case_id);

CREATE TABLE payment_nonces (
    nonce TEXT NOT NULL PRIMARY KEY,
    seen_at INTEGER NOT NULL
);
CREATE INDEX ix_payment_nonces_seen ON payment_nonces (seen_at);

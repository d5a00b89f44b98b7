-- Payments (缴款, Z19; 行政处罚法 arts. 66, 67, 72): one notice with a unique payment code per served decision,
-- each payment the payment platform reports (once per platform transaction id, flagged when it cannot settle a
-- case) and the callback nonces already used (replay guard).
CREATE TABLE payment_notices (
    id uuid NOT NULL PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES cases (id),
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_id uuid NOT NULL REFERENCES agencies (id),
    agency_path text NOT NULL,
    code text NOT NULL,
    fine numeric NOT NULL,
    confiscation numeric NOT NULL,
    issued_at timestamptz NOT NULL
);
CREATE UNIQUE INDEX ix_payment_notices_case ON payment_notices (case_id);
CREATE UNIQUE INDEX ix_payment_notices_code ON payment_notices (code);
CREATE INDEX ix_payment_notices_entity ON payment_notices (entity_id);
CREATE INDEX ix_payment_notices_agency ON payment_notices (agency_path);

CREATE TABLE payments (
    id uuid NOT NULL PRIMARY KEY,
    transaction_id text NOT NULL,
    code text NOT NULL,
    notice_id uuid NULL REFERENCES payment_notices (id),
    case_id uuid NULL REFERENCES cases (id),
    entity_id uuid NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    amount numeric NOT NULL,
    applied numeric NOT NULL,
    surcharge numeric NOT NULL,
    outstanding_after numeric NOT NULL,
    paid_at timestamptz NOT NULL,
    paid_on date NOT NULL,
    received_at timestamptz NOT NULL,
    channel text NULL,
    flag text NULL,
    flag_reason text NULL
);
CREATE UNIQUE INDEX ix_payments_transaction ON payments (transaction_id);
CREATE INDEX ix_payments_agency ON payments (agency_path, paid_on);
CREATE INDEX ix_payments_case ON payments (case_id);

CREATE TABLE payment_nonces (
    nonce text NOT NULL PRIMARY KEY,
    seen_at timestamptz NOT NULL
);
CREATE INDEX ix_payment_nonces_seen ON payment_nonces (seen_at);

-- How staff settled a payment flagged for reconciliation (退付、已人工计入、其他), by whom and when.
ALTER TABLE payments ADD COLUMN resolution text NULL;
ALTER TABLE payments ADD COLUMN refund_reference text NULL;
ALTER TABLE payments ADD COLUMN refunded_on date NULL;
ALTER TABLE payments ADD COLUMN resolved_case_id uuid NULL REFERENCES cases (id);
ALTER TABLE payments ADD COLUMN resolution_note text NULL;
ALTER TABLE payments ADD COLUMN resolved_by_id uuid NULL;
ALTER TABLE payments ADD COLUMN resolved_by text NULL;
ALTER TABLE payments ADD COLUMN resolved_at timestamptz NULL;
CREATE INDEX ix_payments_resolved_case ON payments (resolved_case_id);

-- How staff settled a payment flagged for reconciliation (退付、已人工计入、其他), by whom and when.
ALTER TABLE payments ADD COLUMN resolution TEXT NULL;
ALTER TABLE payments ADD COLUMN refund_reference TEXT NULL;
ALTER TABLE payments ADD COLUMN refunded_on TEXT NULL;
ALTER TABLE payments ADD COLUMN resolved_case_id TEXT NULL REFERENCES cases (id);
ALTER TABLE payments ADD COLUMN resolution_note TEXT NULL;
ALTER TABLE payments ADD COLUMN resolved_by_id TEXT NULL;
ALTER TABLE payments ADD COLUMN resolved_by TEXT NULL;
ALTER TABLE payments ADD COLUMN resolved_at INTEGER NULL;
CREATE INDEX ix_payments_resolved_case ON payments (resolved_case_id);

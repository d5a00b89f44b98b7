-- Entity portal: the activity record reads the audit trail by actor (the users bound to the caller's
-- entities), newest first; without this index that is a scan of the whole, ever-growing trail.
CREATE INDEX ix_audit_records_actor ON audit_records (actor_id, id);

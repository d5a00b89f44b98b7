-- Notification outbox (告知): portal messages and SMS to entities, queued in the same transaction as
-- the event they announce; (source, channel) unique so an event never queues twice.
CREATE TABLE notifications (
    id TEXT NOT NULL PRIMARY KEY,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    agency_path TEXT NOT NULL,
    channel TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    link TEXT NULL,
    source TEXT NOT NULL,
    recipient_cipher TEXT NULL,
    recipient_masked TEXT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    next_attempt_at INTEGER NOT NULL,
    claim_token TEXT NULL,
    claimed_until INTEGER NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER NULL,
    last_error TEXT NULL,
    read_at INTEGER NULL
);
CREATE UNIQUE INDEX ix_notifications_source ON notifications (source, channel);
-- The entity's inbox, newest first.
CREATE INDEX ix_notifications_entity ON notifications (entity_id, channel, created_at);
CREATE INDEX ix_notifications_agency ON notifications (agency_path, created_at);
-- What the delivery job looks for: pending rows by due time.
CREATE INDEX ix_notifications_due ON notifications (next_attempt_at) WHERE status = 'Pending';

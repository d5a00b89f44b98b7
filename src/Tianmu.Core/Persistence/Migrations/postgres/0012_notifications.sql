-- Notification outbox (告知): portal messages and SMS to entities, queued in the same transaction as
-- the event they announce; (source, channel) unique so an event never queues twice.
CREATE TABLE notifications (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id),
    agency_path text NOT NULL,
    channel text NOT NULL,
    kind text NOT NULL,
    title text NOT NULL,
    body text NOT NULL,
    link text NULL,
    source text NOT NULL,
    recipient_cipher text NULL,
    recipient_masked text NULL,
    status text NOT NULL,
    attempts integer NOT NULL,
    next_attempt_at timestamptz NOT NULL,
    claim_token uuid NULL,
    claimed_until timestamptz NULL,
    created_at timestamptz NOT NULL,
    sent_at timestamptz NULL,
    last_error text NULL,
    read_at timestamptz NULL
);
CREATE UNIQUE INDEX ix_notifications_source ON notifications (source, channel);
-- The entity's inbox, newest first.
CREATE INDEX ix_notifications_entity ON notifications (entity_id, channel, created_at);
CREATE INDEX ix_notifications_agency ON notifications (agency_path, created_at);
-- What the delivery job looks for: pending rows by due time.
CREATE INDEX ix_notifications_due ON notifications (next_attempt_at) WHERE status = 'Pending';

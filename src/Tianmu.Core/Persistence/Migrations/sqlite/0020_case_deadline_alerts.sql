-- Case deadline reminders and escalations, each sent exactly once per case, deadline kind, due date and stage;
-- staff messages in the notification outbox (recipient_user_id set: never shown in an entity's inbox).
CREATE TABLE case_deadline_alerts (
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    due TEXT NOT NULL,
    stage TEXT NOT NULL CHECK (stage IN ('Reminded', 'Escalated')),
    recipients INTEGER NOT NULL,
    at INTEGER NOT NULL,
    PRIMARY KEY (case_id, kind, due, stage)
);
ALTER TABLE notifications ADD COLUMN recipient_user_id TEXT NULL REFERENCES users (id);
-- A staff member's inbox, newest first.
CREATE INDEX ix_notifications_recipient ON notifications (recipient_user_id, created_at) WHERE recipient_user_id IS NOT NULL;

-- The officer a warning is assigned to (the one who signed for it, or whom the head assigned).
ALTER TABLE warnings ADD COLUMN assignee_id TEXT NULL REFERENCES users (id);
ALTER TABLE warnings ADD COLUMN assignee_name TEXT NULL;
CREATE INDEX ix_warnings_assignee ON warnings (assignee_id) WHERE is_open = 1;
-- When an officer signed for it, measured against respond_by.
ALTER TABLE warnings ADD COLUMN signed_for_at INTEGER NULL;
-- Rectification orders still waiting for later data to verify them.
CREATE INDEX ix_warnings_status ON warnings (status) WHERE is_open = 1;
-- When a report's values were compared with the entity's sensors (S20/Z24); each report once.
ALTER TABLE self_reports ADD COLUMN cross_checked_at INTEGER NULL;
CREATE INDEX ix_self_reports_unchecked ON self_reports (submitted_at) WHERE cross_checked_at IS NULL;

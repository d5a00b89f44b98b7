-- 行政复议或者行政诉讼期间 (行政处罚法第七十三条): the surcharge is not counted while a review or suit runs.
CREATE TABLE case_remedies (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    kind TEXT NOT NULL,
    body TEXT NOT NULL,
    started_on TEXT NOT NULL,
    reference TEXT NULL,
    recorded_by TEXT NOT NULL,
    recorded_at INTEGER NOT NULL,
    ended_on TEXT NULL,
    outcome TEXT NULL,
    ended_by TEXT NULL,
    ended_at INTEGER NULL
);
CREATE INDEX ix_case_remedies_case ON case_remedies (case_id);

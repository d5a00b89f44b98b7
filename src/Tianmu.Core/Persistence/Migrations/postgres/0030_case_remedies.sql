-- 行政复议或者行政诉讼期间 (行政处罚法第七十三条): the surcharge is not counted while a review or suit runs.
CREATE TABLE case_remedies (
    id uuid NOT NULL PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES cases (id),
    kind text NOT NULL,
    body text NOT NULL,
    started_on date NOT NULL,
    reference text NULL,
    recorded_by text NOT NULL,
    recorded_at timestamptz NOT NULL,
    ended_on date NULL,
    outcome text NULL,
    ended_by text NULL,
    ended_at timestamptz NULL
);
CREATE INDEX ix_case_remedies_case ON case_remedies (case_id);

-- 电子案卷 (行政处罚法 art. 47): the case file assembled when a case is archived — one PDF in the
-- write-once object store, its table of contents and who assembled it. A row never changes and is
-- queued for the evidence log in the inserting transaction.
CREATE TABLE case_files (
    id TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL REFERENCES cases (id),
    version INTEGER NOT NULL,
    pdf_sha256 TEXT NOT NULL,
    page_count INTEGER NOT NULL,
    assembled_by TEXT NOT NULL,
    assembled_at INTEGER NOT NULL,
    toc_json TEXT NOT NULL
);
CREATE UNIQUE INDEX ux_case_files_case_version ON case_files (case_id, version);
CREATE TRIGGER case_files_no_update BEFORE UPDATE ON case_files
BEGIN
    SELECT RAISE(ABORT, 'case_files are write-once');
END;
CREATE TRIGGER case_files_no_delete BEFORE DELETE ON case_files
BEGIN
    SELECT RAISE(ABORT, 'case_files are write-once');
END;
CREATE TRIGGER case_files_log AFTER INSERT ON case_files
BEGIN
    INSERT INTO log_queue (kind, ref, queued_at) VALUES ('case-file', lower(NEW.id), CAST((julianday('now') - 1721425.5) * 864000000000 AS INTEGER));
END;

-- An archived case is read-only: nothing more is relied on or drafted for it, whatever the code path.
CREATE TRIGGER case_evidence_not_archived BEFORE INSERT ON case_evidence
WHEN (SELECT stage FROM cases WHERE id = NEW.case_id) = 'Archived'
BEGIN
    SELECT RAISE(ABORT, 'the case is archived');
END;
CREATE TRIGGER documents_not_archived BEFORE INSERT ON documents
WHEN NEW.case_id IS NOT NULL AND (SELECT stage FROM cases WHERE id = NEW.case_id) = 'Archived'
BEGIN
    SELECT RAISE(ABORT, 'the case is archived');
END;

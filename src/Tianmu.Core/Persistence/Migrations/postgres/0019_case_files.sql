-- 电子案卷 (行政处罚法 art. 47): the case file assembled when a case is archived — one PDF in the
-- write-once object store, its table of contents and who assembled it. A row never changes and is
-- queued for the evidence log in the inserting transaction.
CREATE TABLE case_files (
    id uuid NOT NULL PRIMARY KEY,
    case_id uuid NOT NULL REFERENCES cases (id),
    version integer NOT NULL,
    pdf_sha256 text NOT NULL,
    page_count integer NOT NULL,
    assembled_by text NOT NULL,
    assembled_at timestamptz NOT NULL,
    toc_json text NOT NULL
);
CREATE UNIQUE INDEX ux_case_files_case_version ON case_files (case_id, version);

CREATE FUNCTION case_files_write_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION 'case_files are write-once' USING ERRCODE = 'insufficient_privilege';
END;
$$;
CREATE TRIGGER case_files_write_once BEFORE UPDATE OR DELETE ON case_files
    FOR EACH ROW EXECUTE FUNCTION case_files_write_once();
CREATE TRIGGER case_files_no_truncate BEFORE TRUNCATE ON case_files
    FOR EACH STATEMENT EXECUTE FUNCTION case_files_write_once();

CREATE FUNCTION case_files_queue() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO log_queue (kind, ref, queued_at) VALUES ('case-file', NEW.id::text, now());
    RETURN NULL;
END;
$$;
CREATE TRIGGER case_files_log AFTER INSERT ON case_files
    FOR EACH ROW EXECUTE FUNCTION case_files_queue();

-- An archived case is read-only: nothing more is relied on or drafted for it, whatever the code path.
CREATE FUNCTION case_not_archived() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.case_id IS NOT NULL AND EXISTS (SELECT 1 FROM cases WHERE id = NEW.case_id AND stage = 'Archived') THEN
        RAISE EXCEPTION 'the case is archived' USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END;
$$;
CREATE TRIGGER case_evidence_not_archived BEFORE INSERT ON case_evidence
    FOR EACH ROW EXECUTE FUNCTION case_not_archived();
CREATE TRIGGER documents_not_archived BEFORE INSERT ON documents
    FOR EACH ROW EXECUTE FUNCTION case_not_archived();

-- Entity lists: the agency path on the row, so a jurisdiction is one contiguous range of an index
-- that also gives the list order (agency, then name) without sorting a large register.
ALTER TABLE entities ADD COLUMN agency_path TEXT NOT NULL DEFAULT '';
UPDATE entities SET agency_path = (SELECT a.path FROM agencies a WHERE a.id = entities.agency_id);
CREATE INDEX ix_entities_list ON entities (agency_path, name, id);

-- Entity lists: the agency path on the row, so a jurisdiction is one contiguous range of an index
-- that also gives the list order (agency, then name) without sorting a large register.
ALTER TABLE entities ADD COLUMN agency_path text COLLATE "C" NOT NULL DEFAULT ''; -- byte order: the range filter must not depend on the locale
UPDATE entities e SET agency_path = a.path FROM agencies a WHERE a.id = e.agency_id;
CREATE INDEX ix_entities_list ON entities (agency_path, name, id);

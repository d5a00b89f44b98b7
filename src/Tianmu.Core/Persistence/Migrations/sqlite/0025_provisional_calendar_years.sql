-- A year loaded before the State Council's notice, with only the statutory holidays (全国年节及纪念日放假办法 art. 2):
-- deadlines running into it are computed and marked provisional until the official arrangement replaces it.
ALTER TABLE calendar_years ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0;

-- Working-day calendar, background-work leases and the shared Data Protection key ring.
CREATE TABLE calendar_years (
    year INTEGER NOT NULL PRIMARY KEY,
    source TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

CREATE TABLE calendar_days (
    date TEXT NOT NULL PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL
);

CREATE TABLE leases (
    name TEXT NOT NULL PRIMARY KEY,
    holder TEXT NOT NULL,
    expires_at INTEGER NOT NULL
);

CREATE TABLE data_protection_keys (
    id INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    friendly_name TEXT NULL,
    xml TEXT NOT NULL
);

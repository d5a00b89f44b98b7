-- Devices: registry, parameters, lifecycle history, calibration, incidents, maintenance.
CREATE TABLE devices (
    id TEXT NOT NULL PRIMARY KEY,
    entity_id TEXT NOT NULL REFERENCES entities (id),
    type TEXT NOT NULL,
    make TEXT NOT NULL,
    model TEXT NOT NULL,
    serial_number TEXT NOT NULL,
    captures_image_or_sound INTEGER NOT NULL,
    protocol TEXT NOT NULL,
    hj212_mn TEXT NULL,
    hj212_password_cipher TEXT NULL,
    mobility TEXT NOT NULL,
    place_type TEXT NOT NULL,
    site TEXT NOT NULL,
    funding TEXT NOT NULL,
    contract_reference TEXT NULL,
    contract_data_security INTEGER NOT NULL,
    contract_intellectual_property INTEGER NOT NULL,
    contract_maintenance INTEGER NOT NULL,
    contract_confidentiality INTEGER NOT NULL,
    status TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    reviewed_by TEXT NULL,
    reviewed_at INTEGER NULL,
    review_note TEXT NULL,
    confirmation_text TEXT NULL,
    confirmation_text_hash TEXT NULL,
    confirmed_by_user_id TEXT NULL,
    confirmed_by_name TEXT NULL,
    confirmed_at INTEGER NULL,
    notice_photo_hash TEXT NULL,
    notice_posted_at INTEGER NULL,
    published_location TEXT NULL,
    activated_at INTEGER NULL,
    credential_hash TEXT NULL,
    credential_issued_at INTEGER NULL
);
CREATE INDEX ix_devices_entity_id ON devices (entity_id);
CREATE INDEX ix_devices_status ON devices (status);
CREATE UNIQUE INDEX ix_devices_hj212_mn ON devices (hj212_mn);
CREATE UNIQUE INDEX ix_devices_credential_hash ON devices (credential_hash);

CREATE TABLE device_parameters (
    id TEXT NOT NULL PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    code TEXT NOT NULL,
    name TEXT NOT NULL,
    unit TEXT NOT NULL,
    range_min TEXT NULL,
    range_max TEXT NULL,
    accuracy TEXT NULL,
    standard TEXT NULL
);
CREATE INDEX ix_device_parameters_device_id ON device_parameters (device_id);

CREATE TABLE device_status_changes (
    id TEXT NOT NULL PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices (id),
    from_status TEXT NOT NULL,
    to_status TEXT NOT NULL,
    at INTEGER NOT NULL,
    changed_by TEXT NOT NULL,
    note TEXT NULL
);
CREATE INDEX ix_device_status_changes_device ON device_status_changes (device_id, at);

CREATE TABLE calibration_certificates (
    id TEXT NOT NULL PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices (id),
    number TEXT NOT NULL,
    issuer TEXT NOT NULL,
    issued_on TEXT NOT NULL,
    expires_on TEXT NOT NULL
);
CREATE INDEX ix_calibration_certificates_device ON calibration_certificates (device_id, expires_on);

CREATE TABLE device_incidents (
    id TEXT NOT NULL PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices (id),
    kind TEXT NOT NULL,
    description TEXT NOT NULL,
    reported_by TEXT NOT NULL,
    reported_at INTEGER NOT NULL,
    liability TEXT NULL,
    outcome TEXT NULL,
    resolved_at INTEGER NULL
);
CREATE INDEX ix_device_incidents_device ON device_incidents (device_id);

CREATE TABLE maintenance_entries (
    id TEXT NOT NULL PRIMARY KEY,
    device_id TEXT NOT NULL REFERENCES devices (id),
    at INTEGER NOT NULL,
    performed_by TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE INDEX ix_maintenance_entries_device ON maintenance_entries (device_id);

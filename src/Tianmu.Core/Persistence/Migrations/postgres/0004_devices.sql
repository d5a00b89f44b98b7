-- Devices: registry, parameters, lifecycle history, calibration, incidents, maintenance.
CREATE TABLE devices (
    id uuid NOT NULL PRIMARY KEY,
    entity_id uuid NOT NULL REFERENCES entities (id),
    type text NOT NULL,
    make text NOT NULL,
    model text NOT NULL,
    serial_number text NOT NULL,
    captures_image_or_sound boolean NOT NULL,
    protocol text NOT NULL,
    hj212_mn text NULL,
    hj212_password_cipher text NULL,
    mobility text NOT NULL,
    place_type text NOT NULL,
    site text NOT NULL,
    funding text NOT NULL,
    contract_reference text NULL,
    contract_data_security boolean NOT NULL,
    contract_intellectual_property boolean NOT NULL,
    contract_maintenance boolean NOT NULL,
    contract_confidentiality boolean NOT NULL,
    status text NOT NULL,
    created_at timestamptz NOT NULL,
    reviewed_by text NULL,
    reviewed_at timestamptz NULL,
    review_note text NULL,
    confirmation_text text NULL,
    confirmation_text_hash text NULL,
    confirmed_by_user_id uuid NULL,
    confirmed_by_name text NULL,
    confirmed_at timestamptz NULL,
    notice_photo_hash text NULL,
    notice_posted_at timestamptz NULL,
    published_location text NULL,
    activated_at timestamptz NULL,
    credential_hash text NULL,
    credential_issued_at timestamptz NULL
);
CREATE INDEX ix_devices_entity_id ON devices (entity_id);
CREATE INDEX ix_devices_status ON devices (status);
CREATE UNIQUE INDEX ix_devices_hj212_mn ON devices (hj212_mn);
CREATE UNIQUE INDEX ix_devices_credential_hash ON devices (credential_hash);

CREATE TABLE device_parameters (
    id uuid NOT NULL PRIMARY KEY,
    device_id uuid NOT NULL REFERENCES devices (id) ON DELETE CASCADE,
    code text NOT NULL,
    name text NOT NULL,
    unit text NOT NULL,
    range_min numeric NULL,
    range_max numeric NULL,
    accuracy text NULL,
    standard text NULL
);
CREATE INDEX ix_device_parameters_device_id ON device_parameters (device_id);

CREATE TABLE device_status_changes (
    id uuid NOT NULL PRIMARY KEY,
    device_id uuid NOT NULL REFERENCES devices (id),
    from_status text NOT NULL,
    to_status text NOT NULL,
    at timestamptz NOT NULL,
    changed_by text NOT NULL,
    note text NULL
);
CREATE INDEX ix_device_status_changes_device ON device_status_changes (device_id, at);

CREATE TABLE calibration_certificates (
    id uuid NOT NULL PRIMARY KEY,
    device_id uuid NOT NULL REFERENCES devices (id),
    number text NOT NULL,
    issuer text NOT NULL,
    issued_on date NOT NULL,
    expires_on date NOT NULL
);
CREATE INDEX ix_calibration_certificates_device ON calibration_certificates (device_id, expires_on);

CREATE TABLE device_incidents (
    id uuid NOT NULL PRIMARY KEY,
    device_id uuid NOT NULL REFERENCES devices (id),
    kind text NOT NULL,
    description text NOT NULL,
    reported_by text NOT NULL,
    reported_at timestamptz NOT NULL,
    liability text NULL,
    outcome text NULL,
    resolved_at timestamptz NULL
);
CREATE INDEX ix_device_incidents_device ON device_incidents (device_id);

CREATE TABLE maintenance_entries (
    id uuid NOT NULL PRIMARY KEY,
    device_id uuid NOT NULL REFERENCES devices (id),
    at timestamptz NOT NULL,
    performed_by text NOT NULL,
    description text NOT NULL
);
CREATE INDEX ix_maintenance_entries_device ON maintenance_entries (device_id);

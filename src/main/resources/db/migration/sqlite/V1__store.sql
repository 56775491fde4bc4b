-- Networks: metadata beside the encoded state value (spec, parameters, optimizer and schedule state, counters).
CREATE TABLE networks (
    id         TEXT    NOT NULL PRIMARY KEY,
    owner      TEXT,
    name       TEXT,
    version    INTEGER NOT NULL,
    created_at TEXT    NOT NULL,
    updated_at TEXT    NOT NULL,
    settings   TEXT    NOT NULL,
    state      BLOB    NOT NULL
);

-- The per-network epoch history, one row per epoch trained.
CREATE TABLE network_epochs (
    network_id TEXT    NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    epoch      INTEGER NOT NULL,
    record     TEXT    NOT NULL,
    PRIMARY KEY (network_id, epoch)
);

-- Data sets: a description row; complete once every chunk of its matrices is written.
CREATE TABLE datasets (
    id          TEXT    NOT NULL PRIMARY KEY,
    owner       TEXT,
    created_at  TEXT    NOT NULL,
    description TEXT    NOT NULL,
    complete    INTEGER NOT NULL
);

-- Matrix 0 holds the inputs, 1 the targets: row-major little-endian values in chunks of whole rows.
CREATE TABLE dataset_chunks (
    dataset_id TEXT    NOT NULL REFERENCES datasets (id) ON DELETE CASCADE,
    matrix     INTEGER NOT NULL,
    seq        INTEGER NOT NULL,
    data       BLOB    NOT NULL,
    PRIMARY KEY (dataset_id, matrix, seq)
);

-- Training jobs: the request as accepted, where the job stands, and its last epoch checkpoint.
CREATE TABLE jobs (
    id         TEXT NOT NULL PRIMARY KEY,
    owner      TEXT,
    network_id TEXT NOT NULL,
    status     TEXT NOT NULL,
    created_at TEXT NOT NULL,
    request    TEXT NOT NULL,
    progress   TEXT NOT NULL,
    checkpoint BLOB
);

CREATE INDEX jobs_by_status ON jobs (status);

-- API keys, stored only as hashes.
CREATE TABLE api_keys (
    id         TEXT    NOT NULL PRIMARY KEY,
    name       TEXT    NOT NULL,
    key_hash   TEXT    NOT NULL UNIQUE,
    admin      INTEGER NOT NULL,
    quotas     TEXT    NOT NULL,
    created_at TEXT    NOT NULL,
    revoked    INTEGER NOT NULL
);

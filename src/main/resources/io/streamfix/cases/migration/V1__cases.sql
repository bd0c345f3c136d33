-- The case store, version 1 (the same SQL for SQLite and PostgreSQL). Times are epoch milliseconds
-- (UTC); documents are symptom documents as JSON text; statuses and kinds are lower-case words.

-- One row per case: what it is now. `version` counts its steps and guards against two writers
-- recording on the same case at once (a write names the version it read).
CREATE TABLE cases (
    id               VARCHAR(32)  PRIMARY KEY,
    created_at       BIGINT       NOT NULL,
    updated_at       BIGINT       NOT NULL,
    status           VARCHAR(16)  NOT NULL,   -- open | resolved | escalated | abandoned
    version          INTEGER      NOT NULL,
    opening_document TEXT         NOT NULL,
    document         TEXT         NOT NULL,
    rules_version    VARCHAR(128) NOT NULL,   -- of the advice in force
    next_fix         VARCHAR(200),
    top_cause        VARCHAR(200),
    expected_minutes DOUBLE PRECISION,
    request_id       VARCHAR(200) UNIQUE      -- the opening request's id, so that a retry opens nothing new
);
CREATE INDEX cases_by_opening ON cases (created_at, id);
CREATE INDEX cases_by_status ON cases (status, created_at);

-- Every step of every case, in order; never updated. An undo is a step that names the one it takes back.
CREATE TABLE case_steps (
    case_id          VARCHAR(32)  NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    seq              INTEGER      NOT NULL,   -- 1, 2, ...: the case's version after this step
    at               BIGINT       NOT NULL,
    kind             VARCHAR(16)  NOT NULL,   -- answer | fix | undo | abandon
    fact             VARCHAR(200),            -- answer: the field's path, e.g. network.vpn_active
    answer           TEXT,                    -- answer: yes, no, manual, or free text
    fix              VARCHAR(200),            -- fix: the fix id
    result           VARCHAR(16),             -- fix: failed | helped
    minutes          DOUBLE PRECISION,        -- fix: how long the attempt took, when known
    undoes           INTEGER,                 -- undo: the seq of the step taken back
    request_id       VARCHAR(200),
    rules_version    VARCHAR(128) NOT NULL,   -- the advice after this step, and the rules that gave it
    status           VARCHAR(16)  NOT NULL,
    next_fix         VARCHAR(200),
    top_cause        VARCHAR(200),
    expected_minutes DOUBLE PRECISION,
    PRIMARY KEY (case_id, seq),
    UNIQUE (case_id, request_id)
);

-- Async qualifiers: pools of permalinks, racers' runs of them with their review, and the
-- scores the plugin computes. Instants are unix milliseconds.
CREATE TABLE async_qualifiers (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    is_active {{bool}} NOT NULL DEFAULT TRUE,
    opens_at BIGINT,
    closes_at BIGINT,
    runs_per_pool BIGINT NOT NULL DEFAULT 1,
    -- NULL: unlimited
    max_reattempts BIGINT,
    hide_results {{bool}} NOT NULL DEFAULT FALSE,
    -- written first by every rescoring, so that two rescorings of one qualifier take turns
    rescored_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE async_pools (
    id {{pk}},
    qualifier_id BIGINT NOT NULL REFERENCES async_qualifiers (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    UNIQUE (qualifier_id, name)
);

CREATE TABLE async_permalinks (
    id {{pk}},
    pool_id BIGINT NOT NULL REFERENCES async_pools (id) ON DELETE CASCADE,
    url TEXT NOT NULL,
    notes TEXT NOT NULL DEFAULT '',
    preset TEXT,
    par_ms BIGINT,
    created_at BIGINT NOT NULL
);
CREATE INDEX async_permalinks_pool ON async_permalinks (pool_id);

CREATE TABLE async_runs (
    id {{pk}},
    qualifier_id BIGINT NOT NULL REFERENCES async_qualifiers (id) ON DELETE CASCADE,
    pool_id BIGINT NOT NULL REFERENCES async_pools (id) ON DELETE CASCADE,
    permalink_id BIGINT NOT NULL REFERENCES async_permalinks (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status TEXT NOT NULL,
    revealed_at BIGINT NOT NULL,
    started_at BIGINT,
    finished_at BIGINT,
    extended_until BIGINT,
    warned {{bool}} NOT NULL DEFAULT FALSE,
    reattempted {{bool}} NOT NULL DEFAULT FALSE,
    vod_url TEXT,
    notes TEXT NOT NULL DEFAULT '',
    -- thousandths of a point
    score_milli BIGINT,
    review TEXT NOT NULL DEFAULT 'pending',
    reviewer_notes TEXT NOT NULL DEFAULT '',
    reviewed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    reviewed_at BIGINT,
    flag_reason TEXT
);
CREATE INDEX async_runs_qualifier ON async_runs (qualifier_id, user_id);
CREATE INDEX async_runs_permalink ON async_runs (permalink_id);
-- One active run per racer (anywhere: a person races one seed at a time), whatever two
-- requests race to start.
CREATE UNIQUE INDEX async_runs_one_active ON async_runs (user_id)
    WHERE status IN ('pending', 'in_progress');

-- Tournaments, their players, the organization's stream channels, matches with their players,
-- crew, seed and the players' settings submissions. Instants are unix milliseconds.
CREATE TABLE tournaments (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    is_active {{bool}} NOT NULL DEFAULT TRUE,
    starts_at BIGINT,
    ends_at BIGINT,
    randomizer TEXT,
    preset TEXT,
    -- JSON: the preset selection rules and the player settings form
    preset_rules TEXT NOT NULL DEFAULT '[]',
    settings_form TEXT NOT NULL DEFAULT '[]',
    onsite {{bool}} NOT NULL DEFAULT FALSE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE tournament_players (
    tournament_id BIGINT NOT NULL REFERENCES tournaments (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (tournament_id, user_id)
);

CREATE TABLE stream_channels (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    url TEXT NOT NULL,
    UNIQUE (organization_id, name)
);

CREATE TABLE matches (
    id {{pk}},
    tournament_id BIGINT NOT NULL REFERENCES tournaments (id) ON DELETE CASCADE,
    title TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    stream_channel_id BIGINT REFERENCES stream_channels (id) ON DELETE SET NULL,
    scheduled_at BIGINT,
    checked_in_at BIGINT,
    started_at BIGINT,
    finished_at BIGINT,
    confirmed_at BIGINT,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX matches_tournament ON matches (tournament_id, scheduled_at);

CREATE TABLE match_players (
    match_id BIGINT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    finish_rank BIGINT,
    station TEXT,
    PRIMARY KEY (match_id, user_id)
);
CREATE INDEX match_players_user ON match_players (user_id);

CREATE TABLE match_crew (
    id {{pk}},
    match_id BIGINT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    approved {{bool}} NOT NULL DEFAULT FALSE,
    approved_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (match_id, user_id, role)
);
CREATE INDEX match_crew_user ON match_crew (user_id);

CREATE TABLE match_seeds (
    match_id BIGINT PRIMARY KEY REFERENCES matches (id) ON DELETE CASCADE,
    permalink TEXT NOT NULL,
    -- JSON list of the hash's names
    hash TEXT NOT NULL,
    preset TEXT NOT NULL,
    rule TEXT,
    rolled_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    rolled_at BIGINT NOT NULL
);

CREATE TABLE match_settings (
    id {{pk}},
    match_id BIGINT NOT NULL REFERENCES matches (id) ON DELETE CASCADE,
    game_number BIGINT NOT NULL,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    -- JSON object: the answers, checked against the tournament's form
    settings TEXT NOT NULL,
    applied {{bool}} NOT NULL DEFAULT FALSE,
    submitted_at BIGINT NOT NULL,
    UNIQUE (match_id, game_number)
);

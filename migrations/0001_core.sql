-- Core schema: users, organizations and memberships.
-- Written once for SQLite and PostgreSQL. {{pk}} is the engine's auto-increment primary key,
-- {{bool}} its boolean (INTEGER 0/1 in SQLite: the Any driver cannot read SQLite BOOLEAN columns);
-- instants are unix milliseconds (BIGINT).

CREATE TABLE users (
    id {{pk}},
    discord_id BIGINT UNIQUE,
    discord_username TEXT,
    discord_avatar TEXT,
    display_name TEXT NOT NULL,
    pronouns TEXT,
    permission INTEGER NOT NULL DEFAULT 0,
    is_active {{bool}} NOT NULL DEFAULT TRUE,
    is_placeholder {{bool}} NOT NULL DEFAULT FALSE,
    api_rate_limit_per_minute INTEGER NOT NULL DEFAULT 60,
    racetime_id TEXT UNIQUE,
    racetime_name TEXT,
    twitch_id TEXT UNIQUE,
    twitch_name TEXT,
    speedgaming_id BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE organizations (
    id {{pk}},
    slug TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    is_active {{bool}} NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE organization_members (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    joined_at BIGINT NOT NULL,
    UNIQUE (organization_id, user_id)
);

CREATE INDEX organization_members_by_user ON organization_members (user_id);

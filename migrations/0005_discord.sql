-- The Discord runtime: who linked an organization's guild (after Discord confirmed they
-- administer it), and the outcome of each guild's last command sync.

ALTER TABLE organizations ADD COLUMN discord_guild_linked_by BIGINT REFERENCES users (id) ON DELETE SET NULL;
ALTER TABLE organizations ADD COLUMN discord_guild_linked_at BIGINT;

CREATE TABLE discord_guild_syncs (
    guild_id BIGINT PRIMARY KEY,
    -- The organization the guild was linked to at the sync; NULL when none (its commands
    -- were cleared).
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    -- The command names the guild got, as a JSON array; the previous ones when the sync failed.
    commands TEXT NOT NULL,
    error TEXT,
    synced_at BIGINT NOT NULL
);

-- The plugin platform: what is installed, which organization enabled what (and, for private
-- plugins, was granted access), configuration at both levels, and each plugin's own migrations.
-- JSON is stored as text.

CREATE TABLE plugins (
    id {{pk}},
    plugin_id TEXT NOT NULL UNIQUE,
    name TEXT NOT NULL,
    version TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('builtin', 'external')),
    category TEXT NOT NULL,
    is_installed {{bool}} NOT NULL,
    enabled_by_default {{bool}} NOT NULL,
    private {{bool}} NOT NULL,
    installed_at BIGINT,
    installed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- The installation's configuration (a JSON object), validated against the manifest's schema.
    config TEXT,
    -- Why the plugin is out of service (a hook or migration failed); NULL while healthy.
    failed_error TEXT,
    failed_at BIGINT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);

CREATE TABLE organization_plugins (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    plugin_id TEXT NOT NULL,
    enabled {{bool}} NOT NULL,
    has_access {{bool}} NOT NULL,
    access_granted_at BIGINT,
    access_granted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    enabled_at BIGINT,
    enabled_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- The organization's configuration overrides (a JSON object).
    config TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (organization_id, plugin_id)
);

CREATE INDEX organization_plugins_by_plugin ON organization_plugins (plugin_id, enabled);

CREATE TABLE plugin_migrations (
    id {{pk}},
    plugin_id TEXT NOT NULL,
    version TEXT NOT NULL,
    migration_name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at BIGINT NOT NULL,
    success {{bool}} NOT NULL,
    error_message TEXT,
    UNIQUE (plugin_id, migration_name)
);

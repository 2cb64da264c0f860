-- Namespaces get a slug (their address) and may belong to a user instead of an organization;
-- presets, their revisions, per-namespace permissions and the seed history join them.
CREATE TABLE preset_namespaces_next (
    id {{pk}},
    slug TEXT NOT NULL UNIQUE,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    owner_user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    description TEXT NOT NULL DEFAULT '',
    is_public {{bool}} NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL,
    CHECK ((organization_id IS NULL) <> (owner_user_id IS NULL))
);

-- An organization's first namespace takes the organization's slug; any other gets its id too.
INSERT INTO preset_namespaces_next (id, slug, organization_id, description, is_public, created_at)
SELECT n.id,
       CASE WHEN n.id = (SELECT MIN(m.id) FROM preset_namespaces m WHERE m.organization_id = n.organization_id)
            THEN o.slug ELSE o.slug || '-' || CAST(n.id AS TEXT) END,
       n.organization_id, n.description, TRUE, n.created_at
FROM preset_namespaces n JOIN organizations o ON o.id = n.organization_id;

DROP TABLE preset_namespaces;
ALTER TABLE preset_namespaces_next RENAME TO preset_namespaces;
CREATE UNIQUE INDEX preset_namespaces_owner ON preset_namespaces (owner_user_id);
CREATE INDEX preset_namespaces_org ON preset_namespaces (organization_id);

CREATE TABLE preset_namespace_grants (
    namespace_id BIGINT NOT NULL REFERENCES preset_namespaces (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    can_create {{bool}} NOT NULL DEFAULT FALSE,
    can_update {{bool}} NOT NULL DEFAULT FALSE,
    can_delete {{bool}} NOT NULL DEFAULT FALSE,
    PRIMARY KEY (namespace_id, user_id)
);

CREATE TABLE presets (
    id {{pk}},
    namespace_id BIGINT NOT NULL REFERENCES preset_namespaces (id) ON DELETE CASCADE,
    randomizer TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- As written (comments kept) and as parsed (JSON).
    yaml TEXT NOT NULL,
    settings TEXT NOT NULL,
    is_public {{bool}} NOT NULL DEFAULT TRUE,
    -- A mystery preset's rolled settings are shown with the seed unless this is set.
    hide_rolled {{bool}} NOT NULL DEFAULT FALSE,
    revision BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (namespace_id, randomizer, name)
);
CREATE INDEX presets_randomizer ON presets (randomizer, name);

CREATE TABLE preset_revisions (
    preset_id BIGINT NOT NULL REFERENCES presets (id) ON DELETE CASCADE,
    revision BIGINT NOT NULL,
    yaml TEXT NOT NULL,
    settings TEXT NOT NULL,
    edited_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    edited_at BIGINT NOT NULL,
    PRIMARY KEY (preset_id, revision)
);

CREATE TABLE seed_rolls (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- web, discord, api, match, qualifier
    origin TEXT NOT NULL,
    randomizer TEXT NOT NULL,
    preset_id BIGINT REFERENCES presets (id) ON DELETE SET NULL,
    preset_revision BIGINT,
    -- namespace/name, kept when the preset is deleted
    preset_label TEXT NOT NULL,
    permalink TEXT,
    -- JSON: the hash's item names or words
    hash TEXT,
    version TEXT,
    spoiler TEXT,
    -- JSON: what a mystery preset rolled; NULL when hidden or not a mystery
    rolled TEXT,
    error TEXT,
    attempts BIGINT NOT NULL,
    duration_ms BIGINT NOT NULL,
    created_at BIGINT NOT NULL
);
CREATE INDEX seed_rolls_org ON seed_rolls (organization_id, id);

-- Preset namespaces: named collections of presets that belong to an organization.
CREATE TABLE preset_namespaces (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (organization_id, name)
);

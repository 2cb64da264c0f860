-- Organization roles and their policy statements, role grants, invites, organization
-- requests, API tokens, and an organization's Discord guild link.

ALTER TABLE organizations ADD COLUMN discord_guild_id BIGINT;

CREATE TABLE org_roles (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    -- The key of a built-in role (its statements are defined by the product); NULL when custom.
    builtin TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (organization_id, name),
    UNIQUE (organization_id, builtin)
);

-- Statements of custom roles. actions and resources are JSON arrays of patterns.
CREATE TABLE org_role_statements (
    id {{pk}},
    role_id BIGINT NOT NULL REFERENCES org_roles (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    effect TEXT NOT NULL CHECK (effect IN ('allow', 'deny')),
    actions TEXT NOT NULL,
    resources TEXT NOT NULL
);

CREATE INDEX org_role_statements_by_role ON org_role_statements (role_id, position);

CREATE TABLE org_member_roles (
    member_id BIGINT NOT NULL REFERENCES organization_members (id) ON DELETE CASCADE,
    role_id BIGINT NOT NULL REFERENCES org_roles (id) ON DELETE CASCADE,
    granted_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    granted_at BIGINT NOT NULL,
    PRIMARY KEY (member_id, role_id)
);

CREATE INDEX org_member_roles_by_role ON org_member_roles (role_id);

CREATE TABLE org_invites (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    slug TEXT NOT NULL UNIQUE,
    created_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    max_uses INTEGER,
    uses_count INTEGER NOT NULL DEFAULT 0,
    expires_at BIGINT,
    is_active {{bool}} NOT NULL DEFAULT TRUE,
    created_at BIGINT NOT NULL
);

CREATE INDEX org_invites_by_org ON org_invites (organization_id, created_at);

CREATE TABLE org_requests (
    id {{pk}},
    requested_by BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    slug TEXT NOT NULL,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    reason TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'approved', 'rejected')),
    reviewed_by BIGINT REFERENCES users (id) ON DELETE SET NULL,
    review_note TEXT,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    created_at BIGINT NOT NULL,
    reviewed_at BIGINT
);

CREATE INDEX org_requests_by_status ON org_requests (status, created_at);

CREATE TABLE api_tokens (
    id {{pk}},
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    -- Hex SHA-256 of the token; the token itself is shown once and never stored.
    token_hash TEXT NOT NULL UNIQUE,
    expires_at BIGINT,
    last_used_at BIGINT,
    revoked_at BIGINT,
    created_at BIGINT NOT NULL
);

CREATE INDEX api_tokens_by_user ON api_tokens (user_id);

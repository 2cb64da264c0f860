-- The links an organization lists on its links page.
CREATE TABLE community_links (
    id {{pk}},
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    label TEXT NOT NULL,
    url TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX community_links_by_org ON community_links (organization_id, id);

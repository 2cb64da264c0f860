-- Whether anyone may see an organization's member list (names, pronouns, join dates), or only
-- its members and the platform's staff.
ALTER TABLE organizations ADD COLUMN member_list_public {{bool}} NOT NULL DEFAULT TRUE;

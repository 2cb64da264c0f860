-- A plugin whose enable hook failed for one organization stays off there, with the reason shown
-- on that organization's switch; the other organizations keep it.
ALTER TABLE organization_plugins ADD COLUMN failed_error TEXT;

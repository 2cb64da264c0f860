-- Login support: a per-user session epoch (raising it ends every session of that user at its
-- next request) and the audit log.

ALTER TABLE users ADD COLUMN session_epoch BIGINT NOT NULL DEFAULT 0;

CREATE TABLE audit_log (
    id {{pk}},
    user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
    action TEXT NOT NULL,
    details TEXT NOT NULL DEFAULT '{}',
    ip TEXT,
    created_at BIGINT NOT NULL
);

CREATE INDEX audit_log_by_time ON audit_log (created_at);
CREATE INDEX audit_log_by_org ON audit_log (organization_id, created_at);

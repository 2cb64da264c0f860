-- The event outbox. An event is written in the same transaction as the change it describes,
-- so it exists exactly when the change does. The dispatcher fans each event out to one
-- delivery per listener, then runs the deliveries; each delivery is claimed by one instance at
-- a time (a lease with expiry) and retried with backoff up to a limit.

CREATE TABLE events (
    id {{pk}},
    event_type TEXT NOT NULL,
    organization_id BIGINT REFERENCES organizations (id) ON DELETE CASCADE,
    actor_user_id BIGINT REFERENCES users (id) ON DELETE SET NULL,
    -- A JSON object: the event's fields.
    payload TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    -- Set once its deliveries exist.
    fanned_out_at BIGINT
);
CREATE INDEX events_pending ON events (fanned_out_at, id);

CREATE TABLE event_deliveries (
    id {{pk}},
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    plugin_id TEXT NOT NULL,
    -- pending, delivered, skipped (plugin off for the organization), failed (gave up)
    status TEXT NOT NULL,
    attempts BIGINT NOT NULL,
    next_attempt_at BIGINT NOT NULL,
    -- Who holds it until when; another instance takes it over once the lease expired.
    leased_until BIGINT,
    last_error TEXT,
    updated_at BIGINT NOT NULL,
    UNIQUE (event_id, plugin_id)
);
CREATE INDEX event_deliveries_due ON event_deliveries (status, next_attempt_at);

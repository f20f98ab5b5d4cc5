-- Polls we send to fediverse users (Mastodon and others) who reply to one of our events or
-- actions: a private Question whose vote is their RSVP or their signature. One poll per
-- (object, recipient); only the recipient's vote counts. Timestamps are integer milliseconds.

CREATE TABLE polls (
    -- A UUID: the poll's id is /polls/{id}.
    id TEXT PRIMARY KEY,
    local_actor_id BIGINT NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    object_kind TEXT NOT NULL CHECK (object_kind IN ('event', 'action')),
    object_id TEXT NOT NULL,
    -- The only actor whose vote counts.
    recipient TEXT NOT NULL,
    closes_at BIGINT NOT NULL,
    created_at BIGINT NOT NULL,
    UNIQUE (object_kind, object_id, recipient)
);

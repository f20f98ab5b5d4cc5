-- RSVPs local people send to events on other servers: our Join, and how its host answered.
-- Timestamps are integer milliseconds (see 0001).

CREATE TABLE sent_rsvps (
    local_actor_id INTEGER NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    -- The remote event's id.
    object_ap_id TEXT NOT NULL,
    -- The actor we sent the Join to (the event's attributedTo); only it may answer.
    host_actor_ap_id TEXT NOT NULL,
    -- Our Join's id, which the host's Accept, Reject or Ignore names.
    join_ap_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected', 'ignored')),
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (local_actor_id, object_ap_id)
);

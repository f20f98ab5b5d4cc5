-- Federation core: remote actors and instances, follow relationships, our outbox of activities
-- with one delivery row per target inbox, the received-activity inbox, notes and timelines.
-- Timestamps are integer milliseconds; flags are 0/1 integers (see 0001).

CREATE TABLE instances (
    host TEXT PRIMARY KEY,
    first_seen_at BIGINT NOT NULL,
    last_success_at BIGINT,
    last_failure_at BIGINT,
    consecutive_failures BIGINT NOT NULL DEFAULT 0,
    unreachable_since BIGINT
);

CREATE TABLE remote_actors (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    host TEXT NOT NULL,
    kind TEXT NOT NULL,
    preferred_username TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    url TEXT,
    inbox TEXT NOT NULL,
    shared_inbox TEXT,
    followers_url TEXT,
    public_key_id TEXT NOT NULL,
    public_key_pem TEXT NOT NULL,
    fetched_at BIGINT NOT NULL
);

CREATE INDEX remote_actors_by_key ON remote_actors (public_key_id);

-- Remote actors following local ones.
CREATE TABLE followers (
    local_actor_id BIGINT NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    remote_actor_id BIGINT NOT NULL REFERENCES remote_actors (id) ON DELETE CASCADE,
    follow_ap_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (local_actor_id, remote_actor_id)
);

CREATE INDEX followers_by_remote ON followers (remote_actor_id);

-- Local actors following remote ones; follow_ap_id is our Follow's id.
CREATE TABLE following (
    local_actor_id BIGINT NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    remote_actor_id BIGINT NOT NULL REFERENCES remote_actors (id) ON DELETE CASCADE,
    follow_ap_id TEXT NOT NULL UNIQUE,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted', 'rejected')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (local_actor_id, remote_actor_id)
);

-- Activities we published; each answers at its ap_id.
CREATE TABLE outbox_activities (
    id TEXT PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    local_actor_id BIGINT NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    -- The object the activity is about, when it is one of ours (a note): deleting the object
    -- deletes the activities that carry its content.
    object_ap_id TEXT,
    public BIGINT NOT NULL CHECK (public IN (0, 1)),
    json TEXT NOT NULL,
    created_at BIGINT NOT NULL
);

CREATE INDEX outbox_activities_by_actor ON outbox_activities (local_actor_id, created_at);
CREATE INDEX outbox_activities_by_object ON outbox_activities (object_ap_id);

-- One row per (activity, target inbox): the durable delivery queue.
CREATE TABLE deliveries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    activity_id TEXT NOT NULL REFERENCES outbox_activities (id) ON DELETE CASCADE,
    inbox TEXT NOT NULL,
    host TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'failed')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    last_error TEXT,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (activity_id, inbox)
);

CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
CREATE INDEX deliveries_by_host ON deliveries (host, state);

-- Activities received in an inbox, stored before they are answered and processed after.
CREATE TABLE inbox_activities (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    actor_ap_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    json TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'done', 'dead')),
    attempts BIGINT NOT NULL DEFAULT 0,
    next_attempt_at BIGINT NOT NULL,
    lease_until BIGINT,
    last_error TEXT,
    received_at BIGINT NOT NULL,
    processed_at BIGINT
);

CREATE INDEX inbox_activities_due ON inbox_activities (state, next_attempt_at);

-- Notes published by local actors.
CREATE TABLE notes (
    id TEXT PRIMARY KEY,
    local_actor_id BIGINT NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    content_html TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    updated_at BIGINT,
    deleted_at BIGINT
);

CREATE INDEX notes_by_actor ON notes (local_actor_id, created_at);

-- Public objects of remote actors (Note, Article, Page, Event, Question), sanitized.
CREATE TABLE remote_objects (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    attributed_to TEXT NOT NULL,
    name TEXT NOT NULL DEFAULT '',
    summary TEXT NOT NULL DEFAULT '',
    content_html TEXT NOT NULL DEFAULT '',
    url TEXT,
    published_at BIGINT,
    updated_at BIGINT,
    deleted_at BIGINT,
    json TEXT NOT NULL,
    received_at BIGINT NOT NULL
);

-- What each local user sees: objects by actors they follow, or announced by them.
CREATE TABLE timeline_entries (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    local_actor_id BIGINT NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    remote_object_id BIGINT NOT NULL REFERENCES remote_objects (id) ON DELETE CASCADE,
    announced_by TEXT,
    created_at BIGINT NOT NULL,
    UNIQUE (local_actor_id, remote_object_id)
);

CREATE INDEX timeline_entries_by_actor ON timeline_entries (local_actor_id, created_at);

-- Whether a local actor approves followers by hand (organizations can switch it on).
ALTER TABLE local_actors ADD COLUMN manually_approves_followers INTEGER NOT NULL DEFAULT 0
    CHECK (manually_approves_followers IN (0, 1));

-- Blocked remote domains; a block covers every subdomain. `domain` is normalised: lower case,
-- no trailing dot, no port, internationalised names in their ASCII (punycode) form.
CREATE TABLE domain_blocks (
    domain TEXT PRIMARY KEY,
    reason TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
);

-- When a remote actor was confirmed deleted (its Delete arrived and its id answers 404 or 410);
-- NULL while it exists. Its relationships and timeline entries are removed at that moment.
ALTER TABLE remote_actors ADD COLUMN deleted_at BIGINT;

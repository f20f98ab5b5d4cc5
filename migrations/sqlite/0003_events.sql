-- Events organizations publish, and the RSVPs they receive: from local users, Solidarity and
-- Mobilizon peers (Join/Leave), Friendica (Accept/TentativeAccept/Reject of the Event) and
-- Mastodon poll votes. Timestamps are integer milliseconds; flags are 0/1 integers (see 0001).

CREATE TABLE events (
    -- A UUID: the event's id is /events/{id}.
    id TEXT PRIMARY KEY,
    -- The hosting organization.
    local_actor_id INTEGER NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    -- The author's own short description, plain text.
    description TEXT NOT NULL DEFAULT '',
    -- The body as written (Markdown) and as published (sanitized HTML).
    body_markdown TEXT NOT NULL DEFAULT '',
    content_html TEXT NOT NULL DEFAULT '',
    starts_at INTEGER NOT NULL,
    ends_at INTEGER NOT NULL CHECK (ends_at > starts_at),
    -- An IANA time zone name; times are shown and published in it.
    timezone TEXT NOT NULL,
    place_name TEXT,
    place_address TEXT,
    latitude REAL,
    longitude REAL,
    online_url TEXT,
    capacity INTEGER CHECK (capacity > 0),
    join_mode TEXT NOT NULL CHECK (join_mode IN ('free', 'restricted', 'invite', 'external', 'none')),
    external_url TEXT,
    status TEXT NOT NULL CHECK (status IN ('confirmed', 'tentative', 'cancelled')),
    category TEXT,
    created_at INTEGER NOT NULL,
    updated_at INTEGER,
    deleted_at INTEGER,
    -- Bumped by every RSVP change; the count publisher sends an Update when it is ahead of
    -- counts_published, so many RSVPs become one Update.
    counts_version INTEGER NOT NULL DEFAULT 0,
    counts_published INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX events_by_actor ON events (local_actor_id, starts_at);
CREATE INDEX events_with_unpublished_counts ON events (counts_version, counts_published);

CREATE TABLE event_rsvps (
    event_id TEXT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    -- The participant's actor id, ours or another server's.
    participant TEXT NOT NULL,
    -- The participant's instance, for totals per co-op.
    host TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('going', 'maybe', 'declined', 'pending', 'rejected')),
    -- How it arrived: the API, a Join, a Friendica answer to the Event, or a poll vote.
    via TEXT NOT NULL CHECK (via IN ('local', 'join', 'answer', 'poll')),
    -- The activity that made it (a Join's id is what our Accept or Reject answers).
    activity_ap_id TEXT,
    message TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    PRIMARY KEY (event_id, participant)
);

CREATE INDEX event_rsvps_by_state ON event_rsvps (event_id, state);
CREATE INDEX event_rsvps_by_participant ON event_rsvps (participant);

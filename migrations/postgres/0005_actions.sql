-- Actions organizations call for (petitions, letters, calls, protests...), each with a goal, and
-- the people who took part: local users, users of other Solidarity instances (Join), and
-- fediverse users through a poll. Timestamps are integer milliseconds; flags 0/1 (see 0001).

CREATE TABLE actions (
    -- A UUID: the action's id is /actions/{id}.
    id TEXT PRIMARY KEY,
    local_actor_id BIGINT NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    kind TEXT NOT NULL CHECK (kind IN ('petition', 'letter', 'call', 'email', 'protest',
        'outreach', 'donation', 'other')),
    title TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    body_markdown TEXT NOT NULL DEFAULT '',
    content_html TEXT NOT NULL DEFAULT '',
    -- Who the action addresses, one per line ("County jail warden's office").
    targets TEXT NOT NULL DEFAULT '',
    goal BIGINT CHECK (goal > 0),
    goal_unit TEXT NOT NULL,
    deadline BIGINT,
    timezone TEXT NOT NULL,
    -- An external call to action replaces built-in participation when set.
    external_url TEXT,
    external_label TEXT,
    status TEXT NOT NULL CHECK (status IN ('open', 'closed', 'won', 'lost')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT,
    deleted_at BIGINT,
    -- As for events: one Update carries many participation changes.
    counts_version BIGINT NOT NULL DEFAULT 0,
    counts_published BIGINT NOT NULL DEFAULT 0
);

CREATE INDEX actions_by_actor ON actions (local_actor_id, created_at);
CREATE INDEX actions_with_unpublished_counts ON actions (counts_version, counts_published);

CREATE TABLE action_participants (
    action_id TEXT NOT NULL REFERENCES actions (id) ON DELETE CASCADE,
    -- The participant's actor id, ours or another server's: one participation each.
    participant TEXT NOT NULL,
    host TEXT NOT NULL,
    via TEXT NOT NULL CHECK (via IN ('local', 'join', 'poll')),
    name TEXT NOT NULL DEFAULT '',
    comment TEXT NOT NULL DEFAULT '',
    consent_to_contact BIGINT NOT NULL DEFAULT 0 CHECK (consent_to_contact IN (0, 1)),
    activity_ap_id TEXT,
    created_at BIGINT NOT NULL,
    PRIMARY KEY (action_id, participant)
);

CREATE INDEX action_participants_by_participant ON action_participants (participant);

-- Our Joins now go to actions elsewhere too.
ALTER TABLE sent_rsvps ADD COLUMN kind TEXT NOT NULL DEFAULT 'event'
    CHECK (kind IN ('event', 'action'));

-- Campaigns: each is its own followable Group actor (a local_actors row of kind 'group'),
-- hosted by an organization, gathering actions and events. An item hosted by the campaign's
-- organization joins at once; one hosted by another organization waits for its consent.
-- Timestamps are integer milliseconds (see 0001).

CREATE TABLE campaigns (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    actor_id BIGINT NOT NULL UNIQUE REFERENCES local_actors (id),
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    body_markdown TEXT NOT NULL DEFAULT '',
    content_html TEXT NOT NULL DEFAULT '',
    -- What the campaign demands, one per line.
    demands TEXT NOT NULL DEFAULT '',
    goal_statement TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('active', 'won', 'lost', 'closed')),
    created_at BIGINT NOT NULL,
    updated_at BIGINT
);

CREATE TABLE campaign_items (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    -- The event's or action's id.
    object_ap_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('event', 'action')),
    -- 'proposed' until the organization hosting the item consents.
    state TEXT NOT NULL CHECK (state IN ('proposed', 'accepted')),
    -- For an item on another instance: the actor hosting it, and our Add that asked it, which
    -- only that actor's Accept settles.
    host_actor_ap_id TEXT,
    request_ap_id TEXT UNIQUE,
    added_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_id, object_ap_id)
);

CREATE INDEX campaign_items_by_object ON campaign_items (object_ap_id);

-- Campaigns on other instances that asked to include one of our events or actions (an Add);
-- an owner or admin of the hosting organization accepts.
CREATE TABLE campaign_invitations (
    campaign_ap_id TEXT NOT NULL,
    object_ap_id TEXT NOT NULL,
    add_ap_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_ap_id, object_ap_id)
);

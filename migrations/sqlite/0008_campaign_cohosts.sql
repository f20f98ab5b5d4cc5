-- Campaign co-hosts, and posts (notes, articles, pages from any server) as campaign items.
-- Timestamps are integer milliseconds (see 0001).

-- Organizations, here or on another instance, invited to host one of our campaigns with its
-- organization. A co-host's members add items and post updates; its items join at once.
CREATE TABLE campaign_cohosts (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    -- The organization's actor id, ours or another instance's.
    organization_ap_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('invited', 'accepted')),
    -- For an organization elsewhere: our Invite, which only its Accept settles.
    invite_ap_id TEXT UNIQUE,
    invited_at INTEGER NOT NULL,
    accepted_at INTEGER,
    PRIMARY KEY (campaign_id, organization_ap_id)
);

-- Campaigns on other instances inviting one of our organizations to co-host them.
CREATE TABLE cohost_invitations (
    campaign_ap_id TEXT NOT NULL,
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    invite_ap_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (campaign_ap_id, organization_id)
);

-- campaign_items.kind gains 'post' (a Mastodon note, a Lemmy page, a WordPress article), and
-- state gains 'linked': an item of a server that cannot consent (not Solidarity), linked as a
-- boost is. SQLite cannot change a CHECK in place, so the table is rebuilt.
CREATE TABLE campaign_items_new (
    campaign_id INTEGER NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    object_ap_id TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('event', 'action', 'post')),
    state TEXT NOT NULL CHECK (state IN ('proposed', 'accepted', 'linked')),
    host_actor_ap_id TEXT,
    request_ap_id TEXT UNIQUE,
    added_at INTEGER NOT NULL,
    PRIMARY KEY (campaign_id, object_ap_id)
);
INSERT INTO campaign_items_new (campaign_id, object_ap_id, kind, state, host_actor_ap_id,
    request_ap_id, added_at)
    SELECT campaign_id, object_ap_id, kind, state, host_actor_ap_id, request_ap_id, added_at
    FROM campaign_items;
DROP TABLE campaign_items;
ALTER TABLE campaign_items_new RENAME TO campaign_items;
CREATE INDEX campaign_items_by_object ON campaign_items (object_ap_id);

-- Campaign co-hosts, and posts (notes, articles, pages from any server) as campaign items.
-- Timestamps are integer milliseconds (see 0001).

-- Organizations, here or on another instance, invited to host one of our campaigns with its
-- organization. A co-host's members add items and post updates; its items join at once.
CREATE TABLE campaign_cohosts (
    campaign_id BIGINT NOT NULL REFERENCES campaigns (id) ON DELETE CASCADE,
    -- The organization's actor id, ours or another instance's.
    organization_ap_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('invited', 'accepted')),
    -- For an organization elsewhere: our Invite, which only its Accept settles.
    invite_ap_id TEXT UNIQUE,
    invited_at BIGINT NOT NULL,
    accepted_at BIGINT,
    PRIMARY KEY (campaign_id, organization_ap_id)
);

-- Campaigns on other instances inviting one of our organizations to co-host them.
CREATE TABLE cohost_invitations (
    campaign_ap_id TEXT NOT NULL,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    invite_ap_id TEXT NOT NULL,
    state TEXT NOT NULL CHECK (state IN ('pending', 'accepted')),
    created_at BIGINT NOT NULL,
    PRIMARY KEY (campaign_ap_id, organization_id)
);

-- campaign_items.kind gains 'post' (a Mastodon note, a Lemmy page, a WordPress article), and
-- state gains 'linked': an item of a server that cannot consent (not Solidarity), linked as a
-- boost is.
ALTER TABLE campaign_items DROP CONSTRAINT campaign_items_kind_check;
ALTER TABLE campaign_items ADD CONSTRAINT campaign_items_kind_check
    CHECK (kind IN ('event', 'action', 'post'));
ALTER TABLE campaign_items DROP CONSTRAINT campaign_items_state_check;
ALTER TABLE campaign_items ADD CONSTRAINT campaign_items_state_check
    CHECK (state IN ('proposed', 'accepted', 'linked'));

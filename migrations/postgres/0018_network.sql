-- Ed25519 keys for object integrity proofs (FEP-8b32, eddsa-jcs-2022): the registry actor signs
-- its membership documents with one, published in its `assertionMethod` (FEP-521a).
CREATE TABLE assertion_keys (
    actor_id BIGINT PRIMARY KEY REFERENCES local_actors (id) ON DELETE CASCADE,
    public_multibase TEXT NOT NULL,
    -- PKCS#8, base64.
    private_pkcs8 TEXT NOT NULL,
    created_at BIGINT NOT NULL
);
-- On a platform co-op's instance: the network registry's latest signed word about each member
-- it told us of (the whole document kept, so it can be shown and checked again).
CREATE TABLE network_memberships (
    member TEXT PRIMARY KEY,
    class TEXT NOT NULL,
    status TEXT NOT NULL,
    serving TEXT,
    representative TEXT,
    version BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    document TEXT NOT NULL,
    received_at BIGINT NOT NULL
);
CREATE INDEX network_memberships_expiry ON network_memberships (expires_at);
-- On the registry: people who asked on its page to join with their fediverse address, waiting
-- for the Follow of the registry's actor from that account that confirms it (no Follow, no
-- entry in the log). Gone once confirmed or expired.
CREATE TABLE registry_applications (
    actor TEXT PRIMARY KEY,
    address TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
-- On a platform co-op's instance: its copy of the registry's log, entry for entry, checked
-- against the chain of hashes as it is copied (see service/network/replica.rs), so any past
-- date's member list can be computed here too.
CREATE TABLE network_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    author TEXT NOT NULL,
    change TEXT NOT NULL,
    class TEXT,
    member TEXT NOT NULL,
    previous TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    representative TEXT,
    serving TEXT,
    hash TEXT NOT NULL UNIQUE
);

-- The software co-op's decisions: a proposal with its terms and the roll frozen at opening
-- (with its SHA-256, published at opening and at closing), the ballots received for it (one row
-- per activity; which one counts for a member is decided at closing, see domain/vote.rs), and
-- the result kept at closing. Closing is two steps: `closed_at` stops taking ballots, then the
-- tally of what was taken is kept in `result`.
CREATE TABLE proposals (
    id TEXT PRIMARY KEY,
    title TEXT NOT NULL,
    body TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL,
    -- JSON: the option names, in order.
    options TEXT NOT NULL,
    rule TEXT NOT NULL,
    quorum_percent BIGINT NOT NULL,
    -- JSON: the eligible classes and their weights.
    weights TEXT NOT NULL,
    record_date BIGINT NOT NULL,
    opens_at BIGINT NOT NULL,
    closes_at BIGINT NOT NULL,
    -- JSON: the frozen roll.
    roll TEXT NOT NULL,
    roll_hash TEXT NOT NULL,
    -- 1: a secret ballot (its choices are kept apart from who voted, in secret_voters and
    -- secret_choices).
    secret BIGINT NOT NULL DEFAULT 0,
    opened_by TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    closed_at BIGINT,
    -- JSON: the tally, kept at closing.
    result TEXT
);
CREATE INDEX proposals_open ON proposals (closed_at, closes_at);
CREATE TABLE ballots (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    proposal_id TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    activity TEXT NOT NULL,
    voter TEXT NOT NULL,
    -- JSON: the chosen option indexes (a preference order for ranked votes).
    choices TEXT NOT NULL,
    via TEXT NOT NULL,
    -- A native ballot's version (a change counts up; an older one arriving late is not kept);
    -- 0 for a poll answer.
    version BIGINT NOT NULL DEFAULT 0,
    -- Why it cannot count (kept so a re-delivery is not answered twice); NULL: it may count.
    refused TEXT,
    received_at BIGINT NOT NULL,
    UNIQUE (proposal_id, voter, activity)
);
-- A secret proposal's ballots, kept in two tables that nothing joins: who voted (no choice, no
-- time), and each counted choice (no voter, no time) under the SHA-256 of the ballot's token,
-- which only the voter's server knows and sends again to change the vote. One choice row per
-- member the ballot is cast for (a representative who is also a member casts two), with the
-- member's class and weight for the tally. Keyed, not numbered, so that neither table keeps
-- the order ballots came in.
CREATE TABLE secret_voters (
    proposal_id TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    member TEXT NOT NULL,
    PRIMARY KEY (proposal_id, member)
);
CREATE TABLE secret_choices (
    proposal_id TEXT NOT NULL REFERENCES proposals (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL,
    slot BIGINT NOT NULL,
    class TEXT NOT NULL,
    weight BIGINT NOT NULL,
    -- JSON: the chosen option indexes.
    choices TEXT NOT NULL,
    -- The ballot's version as its voter's server numbered it: a change replaces only an older one.
    version BIGINT NOT NULL,
    PRIMARY KEY (proposal_id, token_hash, slot)
);

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
    -- Why it cannot count (kept so a re-delivery is not answered twice); NULL: it may count.
    refused TEXT,
    received_at BIGINT NOT NULL,
    UNIQUE (proposal_id, voter, activity)
);

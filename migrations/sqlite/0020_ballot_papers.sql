-- On a member's instance: the proposals the network's registry put to its people (the
-- `Question`s it sent them, with the result once closed), whom each was put to, and the
-- ballots they cast from here (the choices are not kept for a secret vote, only the token that
-- lets the voter change it).
CREATE TABLE ballot_papers (
    id INTEGER PRIMARY KEY,
    question TEXT NOT NULL UNIQUE,
    registry TEXT NOT NULL,
    title TEXT NOT NULL,
    body TEXT NOT NULL,
    kind TEXT NOT NULL,
    -- JSON: the option names, in order.
    options TEXT NOT NULL,
    secret INTEGER NOT NULL DEFAULT 0,
    roll_hash TEXT NOT NULL,
    opens_at INTEGER NOT NULL,
    closes_at INTEGER NOT NULL,
    -- JSON: the tally, once closed.
    result TEXT,
    received_at INTEGER NOT NULL
);
CREATE TABLE ballot_paper_voters (
    paper_id INTEGER NOT NULL REFERENCES ballot_papers (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    PRIMARY KEY (paper_id, actor_id)
);
CREATE INDEX ballot_paper_voters_actor ON ballot_paper_voters (actor_id);
CREATE TABLE cast_ballots (
    paper_id INTEGER NOT NULL REFERENCES ballot_papers (id) ON DELETE CASCADE,
    actor_id INTEGER NOT NULL REFERENCES local_actors (id) ON DELETE CASCADE,
    -- JSON: the option names chosen, in order; NULL for a secret vote.
    choices TEXT,
    -- A secret vote's token (sent with every version of the ballot).
    token TEXT,
    version INTEGER NOT NULL,
    cast_at INTEGER NOT NULL,
    PRIMARY KEY (paper_id, actor_id)
);
-- The ballots sent from here whose activity is still kept: once delivered (or given up), the
-- activity is deleted, and with it this row, so that a secret choice is kept nowhere here.
CREATE TABLE sent_ballots (
    activity_id TEXT PRIMARY KEY REFERENCES outbox_activities (id) ON DELETE CASCADE
);

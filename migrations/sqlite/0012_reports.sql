-- Reports (`Flag`) received from other servers about our accounts and content, for the
-- administrators: who reported (an actor elsewhere, usually its instance actor), the comment,
-- and which of the reported ids are ours. A report is kept once per activity id.
CREATE TABLE reports (
    id INTEGER PRIMARY KEY,
    ap_id TEXT NOT NULL UNIQUE,
    reporter TEXT NOT NULL,
    reporter_host TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    objects TEXT NOT NULL,
    received_at INTEGER NOT NULL,
    resolved_at INTEGER
);
CREATE INDEX reports_open ON reports (resolved_at, received_at);

-- Reports our people make about posts from other servers, for our administrators, who may
-- forward them to the author's server (a `Flag` from our instance actor, as Mastodon sends)
-- or set them aside. The reporter stays ours: the Flag does not name them.
CREATE TABLE sent_reports (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    reporter_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    object_ap_id TEXT NOT NULL,
    account_ap_id TEXT NOT NULL,
    comment TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    forwarded_at BIGINT,
    closed_at BIGINT
);
CREATE INDEX sent_reports_open ON sent_reports (closed_at, created_at);

-- Browser sessions (tower-sessions records): the session's data as JSON, when it expires, and the
-- signed-in user, kept in its own column so that a person can list their sessions and sign out
-- everywhere. Anonymous sessions (a visitor's form token) have no user and expire within hours.
CREATE TABLE web_sessions (
    id TEXT PRIMARY KEY,
    user_id INTEGER REFERENCES users (id) ON DELETE CASCADE,
    data TEXT NOT NULL,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    seen_at INTEGER NOT NULL,
    user_agent TEXT NOT NULL DEFAULT ''
);
CREATE INDEX web_sessions_by_user ON web_sessions (user_id);
CREATE INDEX web_sessions_by_expiry ON web_sessions (expires_at);

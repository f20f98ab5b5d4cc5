-- A person's private calendar address, /calendars/SECRET.ics: the events they answered, for
-- calendar apps, which cannot send an API token. Only the SHA-256 of the secret is kept; making
-- a new address replaces the old one, which stops working.
CREATE TABLE calendar_keys (
    user_id INTEGER PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    key_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL
);

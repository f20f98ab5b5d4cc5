-- Foundation: local actors and their keys, users, organizations, API tokens, instance settings.
-- Timestamps are integer milliseconds since the Unix epoch on both backends; flags are 0/1
-- integers, because sqlx's Any driver cannot decode SQLite BOOLEAN columns.

CREATE TABLE local_actors (
    id INTEGER PRIMARY KEY,
    handle TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL CHECK (kind IN ('person', 'group', 'application')),
    created_at INTEGER NOT NULL
);

CREATE TABLE actor_keys (
    actor_id INTEGER PRIMARY KEY REFERENCES local_actors (id) ON DELETE CASCADE,
    public_key_pem TEXT NOT NULL,
    private_key_pem TEXT NOT NULL,
    created_at INTEGER NOT NULL
);

CREATE TABLE users (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL UNIQUE REFERENCES local_actors (id),
    display_name TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    is_admin INTEGER NOT NULL DEFAULT 0 CHECK (is_admin IN (0, 1)),
    created_at INTEGER NOT NULL
);

CREATE TABLE organizations (
    id INTEGER PRIMARY KEY,
    actor_id INTEGER NOT NULL UNIQUE REFERENCES local_actors (id),
    name TEXT NOT NULL,
    summary TEXT NOT NULL DEFAULT '',
    created_at INTEGER NOT NULL
);

CREATE TABLE organization_members (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);

CREATE INDEX organization_members_by_user ON organization_members (user_id);

CREATE TABLE api_tokens (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    token_hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    last_used_at INTEGER
);

CREATE TABLE instance_settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL,
    updated_at INTEGER NOT NULL
);

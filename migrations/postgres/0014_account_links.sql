-- Sign-up by approval and by invitation, and password resets. An account made on the sign-up
-- page of an instance that approves sign-ups waits (`awaiting_approval`, and disabled) until an
-- administrator approves it. Administrators hand out single-use links: an invitation to sign up
-- (no user yet) or a reset of one user's password. Only the SHA-256 of a link's secret is kept.
ALTER TABLE users ADD COLUMN awaiting_approval INTEGER NOT NULL DEFAULT 0 CHECK (awaiting_approval IN (0, 1));
CREATE TABLE account_links (
    token_hash TEXT PRIMARY KEY,
    kind TEXT NOT NULL CHECK (kind IN ('invitation', 'reset')),
    user_id BIGINT REFERENCES users (id) ON DELETE CASCADE,
    created_by BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
);

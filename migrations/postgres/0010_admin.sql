-- Administration: users can be disabled (their tokens stop working, they cannot own new
-- organizations) and API tokens revoked one by one. A token keeps the first characters of its
-- secret so that people can tell their tokens apart in `admin tokens` (10 of 47 characters,
-- of which the first 4 are the fixed prefix: too few to guess the rest). Tokens issued before
-- this migration have none.
ALTER TABLE users ADD COLUMN disabled_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN revoked_at BIGINT;
ALTER TABLE api_tokens ADD COLUMN prefix TEXT;

-- The network's membership registry, on the software co-op's instance: an append-only log of
-- changes to members, numbered without gaps and chained by SHA-256 hashes (see
-- domain/registry_log.rs), and the member list as the log says now, kept beside it in the same
-- transaction. Entries are never changed or deleted: the triggers refuse it (TRUNCATE too).
CREATE TABLE registry_log (
    seq BIGINT PRIMARY KEY,
    at BIGINT NOT NULL,
    author TEXT NOT NULL,
    change TEXT NOT NULL,
    class TEXT,
    member TEXT NOT NULL,
    previous TEXT NOT NULL,
    reason TEXT NOT NULL DEFAULT '',
    representative TEXT,
    serving TEXT,
    hash TEXT NOT NULL UNIQUE
);
CREATE INDEX registry_log_member ON registry_log (member, seq);
CREATE FUNCTION registry_log_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'the registry log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER registry_log_no_change BEFORE UPDATE OR DELETE ON registry_log
    FOR EACH ROW EXECUTE FUNCTION registry_log_append_only();
CREATE TRIGGER registry_log_no_truncate BEFORE TRUNCATE ON registry_log
    FOR EACH STATEMENT EXECUTE FUNCTION registry_log_append_only();
CREATE TABLE registry_members (
    member TEXT PRIMARY KEY,
    class TEXT NOT NULL,
    status TEXT NOT NULL,
    serving TEXT,
    representative TEXT,
    since BIGINT,
    until BIGINT,
    version BIGINT NOT NULL
);
CREATE INDEX registry_members_class ON registry_members (status, class);
-- Member classes and their weight in votes; the three every network has to start with.
CREATE TABLE registry_classes (
    name TEXT PRIMARY KEY,
    label TEXT NOT NULL,
    weight INTEGER NOT NULL DEFAULT 1 CHECK (weight >= 0)
);
INSERT INTO registry_classes (name, label, weight) VALUES
    ('platform_coop', 'Platform co-op', 1),
    ('organization', 'Member organization', 1),
    ('individual', 'Individual', 1);

-- Deleted local actors (so far: campaigns). The row stays, so the handle is never given to
-- someone else and old ids keep answering 410 Gone instead of naming a new owner.
ALTER TABLE local_actors ADD COLUMN deleted_at INTEGER;

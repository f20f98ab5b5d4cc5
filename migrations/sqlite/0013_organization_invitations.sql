-- Invitations to join an organization: an owner or admin invites a local person in a role, and
-- the person accepts (becoming a member in that role) or declines (the invitation is deleted).
CREATE TABLE organization_invitations (
    organization_id INTEGER NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    role TEXT NOT NULL CHECK (role IN ('owner', 'admin', 'member')),
    invited_by INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at INTEGER NOT NULL,
    PRIMARY KEY (organization_id, user_id)
);
CREATE INDEX organization_invitations_by_user ON organization_invitations (user_id);

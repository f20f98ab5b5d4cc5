//! `OrgRole`: what a user may do in an organization.

/// Owners may do everything, including appointing admins; admins manage content and
/// participants; members publish.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OrgRole {
    Owner,
    Admin,
    Member,
}

impl OrgRole {
    /// The value stored in `organization_members.role`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Owner => "owner",
            Self::Admin => "admin",
            Self::Member => "member",
        }
    }

    /// Reads a stored role back; `None` for a value this binary does not know.
    pub fn from_stored(text: &str) -> Option<Self> {
        match text {
            "owner" => Some(Self::Owner),
            "admin" => Some(Self::Admin),
            "member" => Some(Self::Member),
            _ => None,
        }
    }
}

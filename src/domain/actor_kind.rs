//! `ActorKind`: what a local actor is; it decides the ActivityPub type it is served as.

/// People are `Person`, organizations and campaigns `Group`, the instance actor `Application`,
/// the membership registry's actor `Registry` (served as a `Group`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ActorKind {
    Person,
    Group,
    Application,
    Registry,
}

impl ActorKind {
    /// The value stored in `local_actors.kind`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Person => "person",
            Self::Group => "group",
            Self::Application => "application",
            // The schema's CHECK knows three kinds; the registry is the application actor
            // with the reserved handle `network` (see `db::actors`).
            Self::Registry => "application",
        }
    }

    /// Reads a stored kind back; `None` for a value this binary does not know.
    pub fn from_stored(text: &str) -> Option<Self> {
        match text {
            "person" => Some(Self::Person),
            "group" => Some(Self::Group),
            "application" => Some(Self::Application),
            _ => None,
        }
    }
}

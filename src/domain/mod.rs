//! Domain newtypes, parsed once at the edge so services never re-validate a `&str`.

/// Implements `as_str` (the stored and wire spelling) and `from_stored` for a closed vocabulary.
macro_rules! stored_names {
    ($ty:ty { $($variant:ident => $name:literal),* $(,)? }) => {
        impl $ty {
            /// The stored (and wire) spelling.
            pub fn as_str(self) -> &'static str {
                match self { $(Self::$variant => $name),* }
            }

            /// Reads a stored value back; `None` for one this binary does not know.
            pub fn from_stored(text: &str) -> Option<Self> {
                match text { $($name => Some(Self::$variant),)* _ => None }
            }
        }
    };
}

mod action;
mod actor_kind;
mod campaign;
mod domain_name;
mod event;
mod handle;
mod host_name;
mod org_role;
mod password;
pub mod registry_log;
mod role;
mod signup;
pub mod vote;

pub use action::{ActionKind, ActionStatus};
pub use actor_kind::ActorKind;
pub use campaign::CampaignStatus;
pub use domain_name::{Domain, DomainError};
pub use event::{EventStatus, JoinMode, RsvpState, is_event_category};
pub use handle::{Handle, HandleError};
pub use host_name::{HostName, HostNameError};
pub use org_role::OrgRole;
pub use password::{Password, PasswordError};
pub use role::InstanceRole;
pub use signup::SignupPolicy;

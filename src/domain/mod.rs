//! Domain newtypes, parsed once at the edge so services never re-validate a `&str`.

mod actor_kind;
mod domain_name;
mod event;
mod handle;
mod host_name;
mod org_role;
mod password;
mod role;

pub use actor_kind::ActorKind;
pub use domain_name::{Domain, DomainError};
pub use event::{EventStatus, JoinMode, RsvpState, is_event_category};
pub use handle::{Handle, HandleError};
pub use host_name::{HostName, HostNameError};
pub use org_role::OrgRole;
pub use password::{Password, PasswordError};
pub use role::InstanceRole;

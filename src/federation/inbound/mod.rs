//! Turning remote documents into what we store, with the origin rules (FEP-fe34) applied.

mod actor;
mod object;

pub use actor::{ActorRejected, authority, remote_actor_from_json};
pub use object::{
    ContentObject, ObjectRejected, TIMELINE_TYPES, remote_object_from_json, remote_object_of,
    same_origin,
};

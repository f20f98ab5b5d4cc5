//! Wire types: one struct per object or activity, used for sending and receiving. Serialization
//! is strict; deserialization is lenient (unknown fields skipped, optional fields defaulted).

mod actor;
mod collection;
pub mod context;

pub use actor::{Actor, ActorType, Endpoints, PublicKeyDoc};
pub use collection::OrderedCollection;

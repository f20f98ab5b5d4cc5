//! Wire types: one struct per object or activity, used for sending and receiving. Serialization
//! is strict; deserialization is lenient (unknown fields skipped, optional fields defaulted).

mod activities;
mod actor;
mod collection;
pub mod context;
pub mod lenient;
mod note;

pub use activities::{
    AnswerType, Follow, FollowAnswer, FollowType, ObjectActivity, ObjectActivityType, Undo,
    UndoType,
};
pub use actor::{Actor, ActorType, Endpoints, PublicKeyDoc};
pub use collection::OrderedCollection;
pub use note::{Note, NoteType, Tombstone, TombstoneType};

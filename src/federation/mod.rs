//! Federation: ActivityPub wire types, keys and signatures, actors and discovery, the inbox and
//! the delivery queue.

pub mod actions;
pub mod actors;
pub mod ballots;
#[cfg(test)]
pub(crate) mod canned;
pub mod context;
pub mod delivery;
pub mod egress;
pub mod events;
pub mod inbound;
pub mod inbox;
pub mod integrity;
pub mod keys;
pub mod notes;
pub mod outbox;
pub mod protocol;
pub mod registry;
pub mod registry_votes;
pub mod resolve;
pub mod sanitize;
#[cfg(test)]
pub(crate) mod sanitize_props;
pub mod signatures;
pub mod signed_fetch;
pub mod urls;

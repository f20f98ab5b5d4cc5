//! Federation: ActivityPub wire types, keys and signatures, actors and discovery.

pub mod actors;
pub mod keys;
pub mod protocol;
pub mod signatures;
pub mod urls;

//! ActivityPub endpoints: actor documents, served as `application/activity+json`.

pub mod actors;
pub mod authorized_fetch;
mod campaign_page;
pub mod collections;
pub mod inbox;
mod negotiate;
pub mod objects;

pub use negotiate::{ActivityJson, wants_activity_json};

//! The inbox: verifying and storing received activities, and parsing them for
//! `service::received`, which decides what each one changes.

pub mod dispatch;
mod recent;
mod verify;
mod writer;

pub use recent::RecentIds;

pub use verify::{InboxRejection, InboxRequest, KEY_REFRESH_AFTER_MS, VerifiedActivity};
pub use writer::{InboxRecord, InboxWriter, WriteFailed};

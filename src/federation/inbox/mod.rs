//! The inbox: verifying and storing received activities, then processing them.

pub mod dispatch;
mod process;
mod rsvp;
mod verify;
mod writer;

pub use process::{InboxProcessor, InboxReport};
pub use verify::{InboxRejection, InboxRequest, KEY_REFRESH_AFTER_MS, VerifiedActivity};
pub use writer::{InboxRecord, InboxWriter, WriteFailed};

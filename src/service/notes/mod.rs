//! Notes organizations publish to their followers: the first content type that federates.

mod publish;
mod recent;
mod text;

pub use publish::{NoteFormat, delete_note, publish_as, publish_note, update_note};
pub use recent::{NoteView, recent_notes};
pub use text::{MAX_NOTE_CHARS, plain_text_to_html};

//! Local notes as ActivityPub documents.

use super::protocol::context::{ACTIVITYSTREAMS, PUBLIC};
use super::protocol::{Note, NoteType, Tombstone, TombstoneType};
use super::urls::Urls;
use crate::db::DbNote;
use serde_json::Value;

/// RFC 3339 text of a millisecond timestamp, as `published` and `updated` carry it.
pub fn rfc3339(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// RFC 3339 with milliseconds, for `updated` stamps that must order quickly successive
/// changes (an edit, then count Updates seconds apart).
pub fn rfc3339_millis(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .unwrap_or_default()
        .to_rfc3339_opts(chrono::SecondsFormat::Millis, true)
}

/// The document of a live note: public, and copied to the author's followers.
pub fn local_note_document(note: &DbNote, urls: &Urls) -> Note {
    let id = urls.note(&note.id);
    Note {
        context: Value::String(ACTIVITYSTREAMS.to_owned()),
        url: Some(id.clone()),
        id,
        kind: NoteType::Note,
        attributed_to: urls.actor(&note.handle),
        content: note.content_html.clone(),
        to: vec![PUBLIC.to_owned()],
        cc: vec![urls.followers(&note.handle).to_string()],
        published: Some(rfc3339(note.created_at)),
        updated: note.updated_at.map(rfc3339),
    }
}

/// What a deleted note's id answers.
pub fn note_tombstone(note: &DbNote, urls: &Urls) -> Tombstone {
    Tombstone {
        context: Value::String(ACTIVITYSTREAMS.to_owned()),
        id: urls.note(&note.id),
        kind: TombstoneType::Tombstone,
        former_type: Some("Note".to_owned()),
        deleted: note.deleted_at.map(rfc3339),
    }
}

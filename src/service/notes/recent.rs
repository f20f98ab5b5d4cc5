//! An organization's latest notes, for its page.

use crate::domain::Handle;
use crate::service::ServiceError;
use crate::state::AppState;

/// One note as a page shows it.
#[derive(Debug)]
pub struct NoteView {
    /// Its id here.
    pub id: String,
    /// Its ActivityPub id, which is also its page.
    pub url: String,
    /// Rendered from plain text or Markdown and cleaned when it was published.
    pub content_html: String,
    /// When, in RFC 3339.
    pub published: String,
}

/// The live notes of the organization `org`, newest first, at most `limit`.
pub async fn recent_notes(
    app: &AppState,
    org: &Handle,
    limit: i64,
) -> Result<Vec<NoteView>, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let organization = crate::service::orgs::named(store, org).await?;
    Ok(store
        .notes_of(organization.actor_id, limit)
        .await?
        .into_iter()
        .map(|note| NoteView {
            url: urls.note(&note.id).to_string(),
            id: note.id,
            content_html: note.content_html,
            published: crate::federation::notes::rfc3339(note.created_at),
        })
        .collect())
}

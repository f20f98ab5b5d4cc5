//! Publishing, editing and deleting an organization's notes; each change is stored with the
//! activity that tells the followers, in one transaction.

use super::super::ServiceError;
use super::text::{MAX_NOTE_CHARS, plain_text_to_html};
use crate::db::{DbNote, DbUser, Store, now_millis};
use crate::domain::Handle;
use crate::federation::notes::local_note_document;
use crate::federation::outbox;
use crate::federation::protocol::ObjectActivityType;
use crate::federation::urls::Urls;
use crate::state::AppState;

/// Checks that `user` may publish as `org` and returns the organization's actor id.
async fn publishing_actor(store: &Store, user: &DbUser, org: &Handle) -> Result<i64, ServiceError> {
    Ok(crate::service::orgs::as_member(store, user, org)
        .await?
        .actor_id)
}

/// How the text of a note is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NoteFormat {
    /// Plain text, as in a microblog post: paragraphs and line breaks only.
    Plain,
    /// Markdown, as in a campaign's updates, rendered and sanitised.
    Markdown,
}

fn note_html(text: &str, format: NoteFormat) -> Result<String, ServiceError> {
    if text.chars().count() > MAX_NOTE_CHARS {
        return Err(ServiceError::Invalid {
            field: "content",
            message: format!("may have at most {MAX_NOTE_CHARS} characters"),
        });
    }
    let html = match format {
        NoteFormat::Plain => plain_text_to_html(text),
        NoteFormat::Markdown => crate::service::markdown::markdown_to_html(text),
    };
    if html.trim().is_empty() {
        return Err(ServiceError::Invalid {
            field: "content",
            message: "must not be empty".to_owned(),
        });
    }
    Ok(html)
}

/// Publishes a public note as `org` and queues its Create to every follower's inbox.
pub async fn publish_note(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    text: &str,
) -> Result<DbNote, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let actor_id = publishing_actor(store, user, org).await?;
    publish_as(store, urls, actor_id, org, text, NoteFormat::Plain).await
}

/// Publishes a public note as the local actor `actor_id` (`handle`), whose publishing right the
/// caller checked (an organization's member, a campaign's organization).
pub async fn publish_as(
    store: &Store,
    urls: &Urls,
    actor_id: i64,
    handle: &Handle,
    text: &str,
    format: NoteFormat,
) -> Result<DbNote, ServiceError> {
    let html = note_html(text, format)?;
    let note = DbNote {
        id: uuid::Uuid::new_v4().to_string(),
        local_actor_id: actor_id,
        handle: handle.clone(),
        content_html: html,
        created_at: now_millis(),
        updated_at: None,
        deleted_at: None,
    };
    let create = outbox::note_activity(
        urls,
        ObjectActivityType::Create,
        &local_note_document(&note, urls),
    );
    store
        .insert_note(
            &note.id,
            actor_id,
            &note.content_html,
            note.created_at,
            &create.to_followers(actor_id),
        )
        .await?;
    Ok(note)
}

/// The live note `id` of `org`, for a change by `user`.
async fn own_note(
    store: &Store,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<(i64, DbNote), ServiceError> {
    let actor_id = publishing_actor(store, user, org).await?;
    let note = store
        .note(id)
        .await
        .map_err(ServiceError::not_found(format!("no note {id}")))?;
    if note.local_actor_id != actor_id || note.deleted_at.is_some() {
        return Err(ServiceError::NotFound(format!("no note {id} by '{org}'")));
    }
    Ok((actor_id, note))
}

/// Replaces a note's text and queues its Update.
pub async fn update_note(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    id: &str,
    text: &str,
) -> Result<DbNote, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let (actor_id, mut note) = own_note(store, user, org, id).await?;
    note.content_html = note_html(text, NoteFormat::Plain)?;
    note.updated_at = Some(now_millis().max(note.created_at + 1));
    let update = outbox::note_activity(
        urls,
        ObjectActivityType::Update,
        &local_note_document(&note, urls),
    );
    let updated_at = note.updated_at.unwrap_or(note.created_at);
    store
        .update_note(
            &note.id,
            &note.content_html,
            updated_at,
            &update.to_followers(actor_id),
        )
        .await?;
    Ok(note)
}

/// Deletes a note: its id answers 410 with a Tombstone, and followers receive a Delete.
pub async fn delete_note(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    id: &str,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let (actor_id, note) = own_note(store, user, org, id).await?;
    let note_id = urls.note(&note.id);
    let delete = outbox::delete_note(urls, org, &note_id);
    store
        .delete_note(&note.id, note_id.as_str(), &delete.to_followers(actor_id))
        .await?;
    Ok(())
}

//! What feeds carry: an organization's or a campaign's Atom entries (notes, events, actions,
//! and for a campaign its updates and the items of other servers it gathers) and a campaign's
//! calendar (its events, ours and other servers'). `crate::feeds` renders them.

use super::ServiceError;
use crate::db::{ActionProgress, DbAction, DbEvent, DbNote, EventCounts, Store};
use crate::domain::Handle;
use crate::federation::sanitize::plain_text;
use crate::federation::urls::Urls;
use crate::feeds::{AtomItem, CalendarEntry};
use crate::service::notes::plain_text_to_html;
use crate::state::AppState;
use url::Url;

/// Most entries one feed carries.
pub const FEED_LIMIT: i64 = 500;

fn note_item(note: DbNote, urls: &Urls) -> AtomItem {
    let text = plain_text(&note.content_html, 80);
    AtomItem {
        id: urls.note(&note.id).to_string(),
        title: if text.is_empty() {
            "Note".to_owned()
        } else {
            text
        },
        html: note.content_html,
        published: note.created_at,
        updated: note.updated_at.unwrap_or(note.created_at),
    }
}

fn event_item(urls: &Urls, event: DbEvent, counts: &EventCounts) -> AtomItem {
    let summary = crate::federation::events::event_summary(&event, counts);
    AtomItem {
        id: urls.event(&event.id).to_string(),
        html: format!(
            "{}{}",
            plain_text_to_html(&summary),
            event.details.content_html
        ),
        title: event.details.title,
        published: event.created_at,
        updated: event.updated_at.unwrap_or(event.created_at),
    }
}

fn action_item(urls: &Urls, action: DbAction, progress: &ActionProgress) -> AtomItem {
    let summary = crate::federation::actions::action_summary(&action, progress);
    AtomItem {
        id: urls.action(&action.id).to_string(),
        html: format!(
            "{}{}",
            plain_text_to_html(&summary),
            action.details.content_html
        ),
        title: action.details.title,
        published: action.created_at,
        updated: action.updated_at.unwrap_or(action.created_at),
    }
}

/// The notes, events and actions an organization published.
pub async fn organization_atom(
    app: &AppState,
    org: &Handle,
) -> Result<(String, Vec<AtomItem>), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let organization = crate::service::orgs::named(store, org).await?;
    let mut items = Vec::new();
    for note in store.notes_of(organization.actor_id, FEED_LIMIT).await? {
        items.push(note_item(note, urls));
    }
    let events: Vec<DbEvent> = (store.events_of(organization.actor_id, 0).await?)
        .into_iter()
        .rev()
        .take(FEED_LIMIT as usize)
        .collect();
    let actions: Vec<DbAction> = (store.actions_of(organization.actor_id).await?)
        .into_iter()
        .take(FEED_LIMIT as usize)
        .collect();
    let published = events
        .into_iter()
        .map(Gathered::Event)
        .chain(actions.into_iter().map(Gathered::Action))
        .collect();
    items.extend(atom_items(store, urls, published).await?);
    Ok((organization.name, items))
}

/// A campaign's items (not the proposed ones) that still exist, newest first: our events and
/// actions, or the stored document of another server's.
enum Gathered {
    Event(DbEvent),
    Action(DbAction),
    /// Its id, and when it was added to the campaign.
    Remote(String, i64),
}

async fn gathered(
    store: &Store,
    urls: &Urls,
    campaign_id: i64,
) -> Result<Vec<Gathered>, ServiceError> {
    let mut found = Vec::new();
    // Newest first, so a long campaign's feeds show what is new.
    for item in store.campaign_items(campaign_id).await?.into_iter().rev() {
        if item.state == "proposed" {
            continue;
        }
        let Ok(url) = Url::parse(&item.object_ap_id) else {
            continue;
        };
        if let Some(id) = urls.local_event_id(&url) {
            let event = store.event(&id).await?;
            if event.deleted_at.is_none() {
                found.push(Gathered::Event(event));
            }
        } else if let Some(id) = urls.local_action_id(&url) {
            let action = store.action(&id).await?;
            if action.deleted_at.is_none() {
                found.push(Gathered::Action(action));
            }
        } else {
            found.push(Gathered::Remote(item.object_ap_id, item.added_at));
        }
    }
    Ok(found)
}

/// Atom entries for `gathered`, in its order: the counts of our events and actions are read
/// in two queries in all, another server's post from its stored document (skipped when gone).
async fn atom_items(
    store: &Store,
    urls: &Urls,
    gathered: Vec<Gathered>,
) -> Result<Vec<AtomItem>, ServiceError> {
    let (mut event_ids, mut action_ids) = (Vec::new(), Vec::new());
    for item in &gathered {
        match item {
            Gathered::Event(event) => event_ids.push(event.id.as_str()),
            Gathered::Action(action) => action_ids.push(action.id.as_str()),
            Gathered::Remote(..) => {}
        }
    }
    let mut counts = store.event_counts_of(&event_ids).await?;
    let mut progress = store.action_progress_of(&action_ids).await?;
    let mut items = Vec::new();
    for item in gathered {
        items.push(match item {
            Gathered::Event(event) => {
                let counts = counts.remove(&event.id).unwrap_or_default();
                event_item(urls, event, &counts)
            }
            Gathered::Action(action) => {
                let progress = progress.remove(&action.id).unwrap_or_default();
                action_item(urls, action, &progress)
            }
            Gathered::Remote(id, added_at) => {
                let Some(post) = store.remote_object(&id).await? else {
                    continue;
                };
                let published = post.published_at.unwrap_or(added_at);
                let title = super::campaigns::post_title(&post);
                AtomItem {
                    id: post.url.unwrap_or(post.ap_id),
                    title,
                    html: post.content_html,
                    published,
                    updated: published,
                }
            }
        });
    }
    Ok(items)
}

/// A campaign's title and Atom entries: its updates and its items.
pub async fn campaign_atom(
    app: &AppState,
    handle: &Handle,
) -> Result<(String, Vec<AtomItem>), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let campaign = super::campaigns::campaign_named(store, handle).await?;
    let mut items = Vec::new();
    for note in store.notes_of(campaign.actor_id, FEED_LIMIT).await? {
        items.push(note_item(note, urls));
    }
    let mut recent = gathered(store, urls, campaign.id).await?;
    recent.truncate(FEED_LIMIT as usize);
    items.extend(atom_items(store, urls, recent).await?);
    Ok((campaign.details.title, items))
}

/// A campaign's title and calendar: its events, ours and other servers', that ended after
/// `after` (ms).
pub async fn campaign_calendar(
    app: &AppState,
    handle: &Handle,
    after: i64,
) -> Result<(String, Vec<CalendarEntry>), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let campaign = super::campaigns::campaign_named(store, handle).await?;
    let mut entries = Vec::new();
    for item in gathered(store, urls, campaign.id).await? {
        match item {
            Gathered::Event(event) => entries.push(CalendarEntry::of_event(&event, urls)),
            Gathered::Action(_) => {}
            Gathered::Remote(id, _) => {
                let document = store
                    .remote_object_json(&id)
                    .await?
                    .and_then(|json| serde_json::from_str(&json).ok());
                if let Some(entry) = document.as_ref().and_then(CalendarEntry::of_document) {
                    entries.push(entry);
                }
            }
        }
    }
    entries.retain(|e| e.ends_at.unwrap_or(e.starts_at) >= after);
    entries.truncate(FEED_LIMIT as usize);
    entries.sort_by(|a, b| {
        a.starts_at
            .cmp(&b.starts_at)
            .then_with(|| a.uid.cmp(&b.uid))
    });
    Ok((campaign.details.title, entries))
}

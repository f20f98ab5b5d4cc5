//! `GET /actors/{handle}/{outbox,followers,following,featured}`: the collections every actor
//! document links to, and a campaign's `events`, `actions` and `posts` (its accepted items'
//! ids), `updates` (its dated notes' ids) and `cohosts` (the organizations that accepted). The
//! outbox embeds the newest public Creates; followers and following give their size only (as
//! Mastodon does by default); featured is empty until pinning exists.

use super::ActivityJson;
use crate::domain::{ActorKind, Handle};
use crate::error::AppError;
use crate::federation::protocol::OrderedCollection;
use crate::service::documents::{self, Built};
use crate::service::{actors, campaigns, objects};
use crate::state::AppState;
use axum::extract::{Path, State};
use axum::response::{IntoResponse, Response};

pub async fn collection(
    State(state): State<AppState>,
    Path((handle, name)): Path<(String, String)>,
) -> Result<Response, AppError> {
    let not_found = || AppError::NotFound(format!("no collection '{name}' for '{handle}' here"));
    let handle = Handle::parse_lookup(&handle).ok_or_else(not_found)?;
    let urls = state.urls();
    if name == "outbox" {
        let body = documents::cached(&state, format!("outbox:{handle}"), async {
            let actor = actors::local_actor(&state, &handle).await?;
            let outbox = objects::outbox(&state, actor.id).await?;
            let collection =
                OrderedCollection::with_items(urls.outbox(&handle), outbox.total, outbox.items);
            Ok::<_, AppError>(Built::json(&collection, true)?)
        })
        .await?;
        return Ok(ActivityJson::serialised(body));
    }
    let actor = actors::local_actor(&state, &handle).await?;
    let collection = match (name.as_str(), actor.kind) {
        ("followers", kind) if kind != ActorKind::Application => {
            let total = objects::follower_count(&state, actor.id).await?;
            OrderedCollection::with_items(urls.followers(&handle), total, Vec::new())
        }
        ("following", kind) if kind != ActorKind::Application => {
            let total = objects::following_count(&state, actor.id).await?;
            OrderedCollection::with_items(urls.following(&handle), total, Vec::new())
        }
        ("featured", ActorKind::Group) => OrderedCollection::empty(urls.featured(&handle)),
        (kind @ ("events" | "actions" | "posts" | "updates" | "cohosts"), ActorKind::Group)
            if actor.is_campaign =>
        {
            let ids = campaigns::collection(&state, &handle, kind).await?;
            let items: Vec<serde_json::Value> =
                ids.into_iter().map(serde_json::Value::String).collect();
            let total = items.len() as u64;
            OrderedCollection::with_items(urls.actor_collection(&handle, kind), total, items)
        }
        _ => return Err(not_found()),
    };
    Ok(ActivityJson(collection).into_response())
}

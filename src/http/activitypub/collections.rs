//! `GET /actors/{handle}/{outbox,followers,following,featured}`: the collections every actor
//! document links to, so that each published id dereferences. They are empty until following
//! and publishing land; what they say is true of the instance today.

use super::ActivityJson;
use crate::domain::{ActorKind, Handle};
use crate::error::AppError;
use crate::federation::protocol::OrderedCollection;
use crate::federation::urls::Urls;
use crate::service::actors;
use crate::state::AppState;
use axum::extract::{Path, State};

pub async fn collection(
    State(state): State<AppState>,
    Path((handle, name)): Path<(String, String)>,
) -> Result<ActivityJson<OrderedCollection>, AppError> {
    let not_found = || AppError::NotFound(format!("no collection '{name}' for '{handle}' here"));
    let handle = Handle::parse_lookup(&handle).ok_or_else(not_found)?;
    let actor = actors::local_actor(&state.store, &handle).await?;
    let urls = Urls::new(&state.config);
    let id = match (name.as_str(), actor.kind) {
        ("outbox", _) => urls.outbox(&handle),
        ("followers", kind) if kind != ActorKind::Application => urls.followers(&handle),
        ("following", kind) if kind != ActorKind::Application => urls.following(&handle),
        ("featured", ActorKind::Group) => urls.featured(&handle),
        _ => return Err(not_found()),
    };
    Ok(ActivityJson(OrderedCollection::empty(id)))
}

//! `GET /actors/{handle}`: the actor document for ActivityPub clients, a redirect to the
//! profile page for browsers. `GET /@{handle}`: the profile page.

use super::{ActivityJson, wants_activity_json};
use crate::domain::{ActorKind, Handle, OrgRole};
use crate::error::AppError;
use crate::federation::actors::local_actor_document;
use crate::http::web::{ElsewhereForm, Nav, Visitor};
use crate::service::interaction::Intent;
use crate::service::notes::{self, NoteView};

/// Notes shown on an organization's page.
const NOTES_ON_PAGE: i64 = 10;
use crate::service::actions::{self, ActionView};
use crate::service::actors;
use crate::service::campaigns::{self, CampaignView};
use crate::service::documents::{self, Built};
use crate::service::events::{self, EventView};
use crate::service::registry;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::{Html, IntoResponse, Redirect, Response};

fn parse_handle(text: &str) -> Result<Handle, AppError> {
    Handle::parse_lookup(text)
        .ok_or_else(|| AppError::NotFound(format!("no actor named '{text}' here")))
}

pub async fn actor(
    State(state): State<AppState>,
    Path(handle): Path<String>,
    headers: HeaderMap,
) -> Result<Response, AppError> {
    let handle = parse_handle(&handle)?;
    if handle == Handle::registry_actor() {
        return registry_actor(&state, &headers).await;
    }
    let urls = state.urls();
    if wants_activity_json(&headers) {
        let body = documents::cached(&state, format!("actor:{handle}"), async {
            let actor = actors::local_actor(&state, &handle).await?;
            let mut document = local_actor_document(&actor, urls);
            // The instance actor names the registry, which is not versioned with the rest.
            let is_instance = actor.kind == ActorKind::Application;
            if is_instance {
                registry::name_registry_on(&state, &mut document);
            }
            Ok::<_, AppError>(Built::json(&document, !is_instance)?)
        })
        .await?;
        return Ok(ActivityJson::serialised(body));
    }
    let actor = actors::local_actor(&state, &handle).await?;
    if actor.kind == ActorKind::Application {
        return Ok(Redirect::to("/").into_response());
    }
    Ok(Redirect::to(urls.profile(&handle).as_str()).into_response())
}

#[derive(Template)]
#[template(path = "actors/profile.html")]
struct ProfilePage<'a> {
    nav: Nav,
    title: &'a str,
    name: &'a str,
    summary: &'a str,
    acct: String,
    actor_id: String,
    is_organization: bool,
    /// Each event with when it starts, in its own time zone.
    events: Vec<(EventView, String)>,
    actions: Vec<ActionView>,
    campaigns: Vec<CampaignView>,
    calendar_url: String,
    atom_url: String,
    /// The visitor belongs to the organization: show "New action".
    is_member: bool,
    /// One of its owners or admins: show "Campaign invitations" and "Settings".
    is_manager: bool,
    /// The network's registry says it is an active member (its signed word, still valid).
    network_member: bool,
    handle: String,
    /// The form to follow from another server.
    elsewhere: ElsewhereForm,
    /// Its latest notes, each with when in the page's language.
    notes: Vec<(NoteView, String)>,
    token_field: &'static str,
}

pub async fn profile(
    State(state): State<AppState>,
    Path(at_handle): Path<String>,
    headers: HeaderMap,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let handle = parse_handle(&at_handle)?;
    if handle == Handle::registry_actor() {
        return registry_actor(&state, &headers).await;
    }
    let actor = actors::local_actor(&state, &handle).await?;
    let urls = state.urls();
    if wants_activity_json(&headers) {
        return Ok(ActivityJson(local_actor_document(&actor, urls)).into_response());
    }
    if actor.kind == ActorKind::Application {
        return Err(AppError::NotFound(format!(
            "no profile named '{handle}' here"
        )));
    }
    if actor.is_campaign {
        return super::campaign_page::render(&state, &handle, &visitor).await;
    }
    let is_organization = actor.kind == ActorKind::Group;
    let (events, actions, campaigns) = if is_organization {
        (
            events::upcoming(&state, &handle).await?,
            actions::actions_of(&state, &handle).await?,
            campaigns::campaigns_of(&state, &handle).await?,
        )
    } else {
        Default::default()
    };
    let notes = if is_organization {
        notes::recent_notes(&state, &handle, NOTES_ON_PAGE)
            .await?
            .into_iter()
            .map(|note| {
                let when = crate::http::web::local_in(&note.published, "UTC", &visitor.tr.lang());
                (note, when)
            })
            .collect()
    } else {
        Vec::new()
    };
    let role = match &visitor.caller {
        Some(caller) if is_organization => {
            crate::service::orgs::role_of(&state, caller, &handle).await?
        }
        _ => None,
    };
    let is_member = role.is_some();
    let is_manager = matches!(role, Some(OrgRole::Owner | OrgRole::Admin));
    let network_member =
        is_organization && crate::service::network::is_member(&state, &urls.actor(&handle)).await?;
    let profile = urls.profile(&handle);
    let nav = visitor.nav().await?;
    let nav_follow = nav.t("follow-from-home");
    let page = ProfilePage {
        nav,
        title: &actor.name,
        name: &actor.name,
        summary: &actor.summary,
        acct: format!("@{handle}@{}", urls.authority()),
        actor_id: urls.actor(&handle).to_string(),
        is_organization,
        events: events
            .into_iter()
            .map(|event| {
                let when = crate::http::web::local_in(
                    &event.starts_at,
                    &event.timezone,
                    &visitor.tr.lang(),
                );
                (event, when)
            })
            .collect(),
        actions,
        campaigns,
        calendar_url: format!("{profile}/events.ics"),
        atom_url: format!("{profile}/feed.atom"),
        is_member,
        is_manager,
        network_member,
        notes,
        token_field: crate::http::web::TOKEN_FIELD,
        handle: handle.to_string(),
        elsewhere: ElsewhereForm::new(urls.actor(&handle), Intent::Follow, nav_follow),
    };
    Ok(Html(page.render()?).into_response())
}

/// The registry's actor (software co-op's instance only): its document, or for a browser the
/// registry's page.
async fn registry_actor(state: &AppState, headers: &HeaderMap) -> Result<Response, AppError> {
    let document = registry::actor_document(state).await?;
    if wants_activity_json(headers) {
        return Ok(ActivityJson(document).into_response());
    }
    Ok(Redirect::to(state.urls().registry_page().as_str()).into_response())
}

//! HTTP: the router and its thin handlers (extract, authorise, call one service, render).

mod activitypub;
mod api;
mod auth;
mod errors;
mod feeds;
mod health;
mod home;
mod layer_errors;
mod registry;
mod web;
mod well_known;

use crate::error::AppError;
use crate::state::AppState;
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::StatusCode;
use axum::middleware;
use axum::routing::{get, post, put};
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

/// Every route of the instance, with tracing, body-size and time limits.
pub fn router(state: AppState) -> Router {
    let limits = state.config.limits.clone();
    // ActivityPub documents, behind the authorized-fetch gate when it is switched on.
    let documents = Router::new()
        .route("/actors/{handle}", get(activitypub::actors::actor))
        .route(
            "/actors/{handle}/{collection}",
            get(activitypub::collections::collection),
        )
        .route("/activities/{id}", get(activitypub::objects::activity))
        .route("/notes/{id}", get(activitypub::objects::note))
        .route("/events/{id}", get(activitypub::objects::event))
        .route("/actions/{id}", get(activitypub::objects::action))
        .route("/polls/{id}", get(activitypub::objects::poll))
        .route("/@{handle}", get(activitypub::actors::profile))
        .route_layer(middleware::from_fn_with_state(
            state.clone(),
            activitypub::authorized_fetch::require_signed_fetch,
        ));
    let sessions = web::session_layer(&state);
    let routes = Router::new()
        .merge(documents)
        .merge(web::routes())
        .route("/inbox", post(activitypub::inbox::shared_inbox))
        .route(
            "/actors/{handle}/inbox",
            post(activitypub::inbox::actor_inbox),
        )
        .route("/", get(home::home))
        .route("/healthz", get(health::healthz))
        .route("/events.ics", get(feeds::instance_calendar))
        .route("/events/{id}/calendar.ics", get(feeds::event_calendar))
        .route("/calendars/{file}", get(feeds::private_calendar))
        .route("/@{handle}/events.ics", get(feeds::organization_calendar))
        .route("/@{handle}/feed.atom", get(feeds::organization_atom))
        .route("/api/v1/me/events.ics", get(feeds::my_calendar))
        .route("/ns", get(activitypub::objects::terms))
        .route("/api/openapi.json", get(api::openapi::openapi))
        .route("/api/v1/me", get(api::me::me))
        .route("/api/v1/orgs/{handle}/notes", post(api::notes::publish))
        .route(
            "/api/v1/orgs/{handle}/followers",
            get(api::social::followers),
        )
        .route("/api/v1/timeline", get(api::social::home_timeline))
        .route(
            "/api/v1/orgs/{handle}/follower-approval",
            put(api::follow_requests::set_approval),
        )
        .route(
            "/api/v1/orgs/{handle}/follow-requests",
            get(api::follow_requests::list),
        )
        .route(
            "/api/v1/orgs/{handle}/follow-requests/accept",
            post(api::follow_requests::accept),
        )
        .route(
            "/api/v1/orgs/{handle}/follow-requests/reject",
            post(api::follow_requests::reject),
        )
        .route(
            "/api/v1/follows",
            post(api::follows::follow).delete(api::follows::unfollow),
        )
        .route(
            "/api/v1/orgs/{handle}/events",
            get(api::events::list).post(api::events::create),
        )
        .route(
            "/api/v1/orgs/{handle}/events/{id}",
            put(api::events::update).delete(api::events::delete),
        )
        .route("/api/v1/events/{id}", get(api::events::show))
        .route(
            "/api/v1/orgs/{handle}/actions",
            get(api::actions::list).post(api::actions::create),
        )
        .route(
            "/api/v1/orgs/{handle}/actions/{id}",
            put(api::actions::update).delete(api::actions::delete),
        )
        .route("/api/v1/actions/{id}", get(api::actions::show))
        .route(
            "/api/v1/actions/{id}/participations",
            get(api::actions::participants)
                .post(api::actions::participate)
                .delete(api::actions::withdraw),
        )
        .route(
            "/api/v1/orgs/{handle}/campaigns",
            get(api::campaigns::list).post(api::campaigns::create),
        )
        .route(
            "/api/v1/campaigns/{handle}",
            get(api::campaigns::show)
                .put(api::campaigns::update)
                .delete(api::campaigns::delete),
        )
        .route(
            "/api/v1/campaigns/{handle}/items",
            post(api::campaigns::add_item),
        )
        .route(
            "/api/v1/campaigns/{handle}/updates",
            post(api::campaigns::post_update),
        )
        .route(
            "/api/v1/orgs/{handle}/campaign-invitations",
            get(api::campaigns::invitations),
        )
        .route(
            "/api/v1/orgs/{handle}/campaign-invitations/accept",
            post(api::campaigns::accept_invitation),
        )
        .route(
            "/api/v1/campaigns/{handle}/cohosts",
            post(api::cohosts::invite),
        )
        .route(
            "/api/v1/orgs/{handle}/cohost-invitations",
            get(api::cohosts::invitations),
        )
        .route(
            "/api/v1/orgs/{handle}/cohost-invitations/accept",
            post(api::cohosts::accept),
        )
        .route(
            "/api/v1/orgs/{handle}/cohosted-items",
            post(api::cohosts::add_item),
        )
        .route("/api/v1/registry/changes", post(api::registry::change))
        .route("/api/v1/registry/classes", get(api::registry::classes))
        .route(
            "/api/v1/registry/classes/{name}",
            put(api::registry::set_class),
        )
        .route(
            "/api/v1/registry/proposals",
            get(api::registry::proposals).post(api::registry::propose),
        )
        .route(
            "/api/v1/registry/proposals/{id}",
            get(api::registry::proposal),
        )
        .route(
            "/api/v1/registry/proposals/{id}/close",
            post(api::registry::close),
        )
        .route(
            "/api/v1/campaigns/{handle}/items/remove",
            post(api::campaigns::remove_item),
        )
        .route(
            "/api/v1/campaigns/{handle}/items/accept",
            post(api::campaigns::accept_item),
        )
        .route(
            "/api/v1/participations",
            get(api::participations::mine).post(api::participations::take_part),
        )
        .route(
            "/api/v1/rsvps",
            get(api::rsvps::mine).post(api::rsvps::answer),
        )
        .route(
            "/api/v1/events/{id}/rsvps",
            get(api::events::participants).post(api::events::rsvp),
        )
        .route(
            "/api/v1/events/{id}/rsvps/decisions",
            post(api::events::decide),
        )
        .route(
            "/api/v1/orgs/{handle}/notes/{id}",
            put(api::notes::edit).delete(api::notes::delete),
        )
        .route("/registry/log", get(registry::log))
        .route("/registry/log/{seq}", get(registry::entry))
        .route("/registry/members", get(registry::members))
        .route("/registry/memberships", get(registry::membership))
        .route("/registry/proposals/{id}/roll", get(registry::roll))
        .route(
            "/registry/proposals/{id}/participation",
            get(registry::participation),
        )
        .route("/registry/totals", get(registry::totals))
        .route("/.well-known/webfinger", get(well_known::webfinger))
        .route("/.well-known/nodeinfo", get(well_known::nodeinfo_links))
        .route("/.well-known/host-meta", get(well_known::host_meta))
        .route("/nodeinfo/{version}", get(well_known::nodeinfo))
        .fallback(not_found)
        .with_state(state)
        .layer(sessions);
    // Layers on an outer router around the whole inner one, so that they see its final answers
    // (the router adds `Allow` to a 405 only after the route's own layers ran).
    Router::new()
        .fallback_service(routes)
        .layer(DefaultBodyLimit::max(limits.request_body_bytes))
        .layer(RequestBodyLimitLayer::new(limits.request_body_bytes))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            limits.request_timeout,
        ))
        // Outside the limits, so that their answers get the JSON shape, then the HTML page.
        .layer(middleware::from_fn_with_state(
            limits.request_body_bytes,
            layer_errors::json_errors,
        ))
        .layer(middleware::from_fn(errors::html_for_browsers))
        .layer(
            TraceLayer::new_for_http().make_span_with(|request: &axum::extract::Request| {
                tracing::debug_span!(
                    "request",
                    method = %request.method(),
                    path = %redacted_path(request.uri().path()),
                )
            }),
        )
}

/// A request's path as logs may keep it: the secret in a password-reset link or a private
/// calendar address is cut out (and the query, which may hold an invitation, is never logged).
fn redacted_path(path: &str) -> String {
    for secret_after in ["/reset/", "/calendars/"] {
        if path.starts_with(secret_after) {
            return format!("{secret_after}…");
        }
    }
    path.to_owned()
}

async fn not_found() -> AppError {
    AppError::NotFound("there is nothing at this address".to_owned())
}

#[cfg(test)]
mod tests {
    use super::redacted_path;

    #[test]
    fn secrets_in_paths_stay_out_of_the_logs() {
        assert_eq!(redacted_path("/calendars/cal_abc.ics"), "/calendars/…");
        assert_eq!(redacted_path("/reset/s3cret"), "/reset/…");
        assert_eq!(redacted_path("/@climate_now"), "/@climate_now");
    }
}

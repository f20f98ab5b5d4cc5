//! `GET /api/openapi.json`: the JSON API described as OpenAPI, generated from the handlers.

use super::{
    actions, campaigns, cohosts, events, follow_requests, follows, me, notes, participations,
    registry, rsvps, social,
};
use axum::Json;
use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
use utoipa::{Modify, OpenApi};

#[derive(OpenApi)]
#[openapi(
    info(title = "Solidarity API", description = "The JSON API of a Solidarity instance. Authenticate with a token from `solidarity admin token USER` as `Authorization: Bearer TOKEN`. Errors are `{\"error\": \"message\"}`."),
    paths(me::me, notes::publish, notes::edit, notes::delete, social::followers, social::home_timeline, follows::follow, follows::unfollow, follow_requests::set_approval, follow_requests::list, follow_requests::accept, follow_requests::reject, events::create, events::list, events::update, events::delete, events::show, events::rsvp, events::participants, events::decide, rsvps::answer, rsvps::mine, actions::create, actions::list, actions::update, actions::delete, actions::show, actions::participate, actions::withdraw, actions::participants, participations::take_part, participations::mine, campaigns::create, campaigns::list, campaigns::show, campaigns::update, campaigns::delete, campaigns::add_item, campaigns::accept_item, campaigns::remove_item, campaigns::invitations, campaigns::accept_invitation, campaigns::post_update, cohosts::invite, cohosts::invitations, cohosts::accept, cohosts::add_item, registry::change, registry::classes, registry::set_class, registry::propose, registry::proposals, registry::proposal, registry::close),
    modifiers(&BearerAuth)
)]
struct ApiDoc;

struct BearerAuth;

impl Modify for BearerAuth {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "bearer",
            SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)),
        );
    }
}

/// The OpenAPI document.
pub async fn openapi() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}

//! The web pages for people, rendered on the server and usable without JavaScript: accounts
//! (sign up, sign in and out, sessions), and taking part in actions and events. Every form is
//! a `PageForm` (same origin, form token).

mod account;
mod action_forms;
pub mod action_page;
mod admin;
mod campaign_forms;
mod cohosting;
mod event_forms;
pub mod event_page;
mod event_participants;
mod form;
mod i18n;
mod instance_settings;
mod interaction;
mod members;
mod messages;
mod mine;
mod org_forms;
mod participants;
mod problem;
mod proposal_pages;
mod registry_admin;
mod registry_pages;
mod report;
mod search;
mod sign_up;
mod time;
mod visitor;
mod votes;

pub use form::TOKEN_FIELD;
pub use interaction::ElsewhereForm;
pub use problem::Problem;
pub use time::local_in;
pub use visitor::{Nav, Visitor};

use crate::service::accounts::{self, WebSessionStore};
use crate::state::AppState;
use axum::Router;
use axum::routing::{get, post};
use tower_sessions::cookie::SameSite;
use tower_sessions::{Expiry, SessionManagerLayer};

/// The name of the session cookie.
const COOKIE: &str = "solidarity_session";

/// Sessions for the web pages: an `HttpOnly`, `SameSite=Lax` cookie, `Secure` whenever the
/// instance is served over HTTPS, kept in the instance's store. A signed-in session lasts 30
/// days from its last write (renewed once a day); a visitor's session, which only holds a form
/// token, is made to end after two hours (`service::accounts::form_token`).
pub fn session_layer(state: &AppState) -> SessionManagerLayer<WebSessionStore> {
    SessionManagerLayer::new(accounts::session_store(state))
        .with_name(COOKIE)
        .with_http_only(true)
        .with_same_site(SameSite::Lax)
        .with_secure(state.config.scheme() == "https")
        .with_expiry(Expiry::OnInactivity(accounts::SIGNED_IN_FOR))
}

/// The routes of the account pages.
pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/login", get(account::sign_in_page).post(account::sign_in))
        .route("/logout", post(account::sign_out))
        .route("/signup", get(sign_up::sign_up_page).post(sign_up::sign_up))
        .route(
            "/reset/{secret}",
            get(sign_up::reset_page).post(sign_up::reset),
        )
        .route("/account", get(account::account_page))
        .route("/account/tokens", post(account::tokens))
        .route(
            "/account/sign-out-everywhere",
            post(account::sign_out_everywhere),
        )
        .route("/actions/{id}/participation", post(action_page::sign))
        .route("/actions/{id}/signed", get(action_page::receipt))
        .route("/actions/{id}/withdrawal", post(action_page::withdraw))
        .route("/events/{id}/rsvp", post(event_page::rsvp))
        .route("/@{handle}/actions/new", get(action_forms::new))
        .route("/@{handle}/actions", post(action_forms::create))
        .route(
            "/actions/{id}/edit",
            get(action_forms::edit).post(action_forms::update),
        )
        .route("/actions/{id}/delete", post(action_forms::delete))
        .route("/@{handle}/events/new", get(event_forms::new))
        .route("/@{handle}/events", post(event_forms::create))
        .route(
            "/events/{id}/edit",
            get(event_forms::edit).post(event_forms::update),
        )
        .route("/events/{id}/delete", post(event_forms::delete))
        .route("/interact", get(interaction::interact))
        .route(
            "/authorize_interaction",
            get(interaction::authorize_page).post(interaction::authorize),
        )
        .route("/following", get(interaction::following))
        .route("/@{handle}/members", get(members::list))
        .route("/@{handle}/members/invitations", post(members::invite))
        .route("/@{handle}/members/roles", post(members::set_role))
        .route("/@{handle}/members/removals", post(members::remove))
        .route("/account/invitations", post(members::answer))
        .route("/@{handle}/campaigns/new", get(campaign_forms::new))
        .route("/@{handle}/campaigns", post(campaign_forms::create))
        .route(
            "/@{handle}/edit",
            get(campaign_forms::edit).post(campaign_forms::update),
        )
        .route("/@{handle}/items", post(campaign_forms::add_item))
        .route("/@{handle}/updates", post(campaign_forms::post_update))
        .route("/@{handle}/cohosts", post(cohosting::invite))
        .route("/orgs/new", get(org_forms::new))
        .route("/orgs", post(org_forms::create))
        .route(
            "/@{handle}/settings",
            get(org_forms::settings).post(org_forms::save),
        )
        .route("/@{handle}/delete", post(org_forms::delete))
        .route("/@{handle}/notes", post(org_forms::post_note))
        .route("/@{handle}/notes/{id}/delete", post(org_forms::delete_note))
        .route(
            "/@{handle}/updates/{id}/delete",
            post(campaign_forms::delete_update),
        )
        .route("/@{handle}/invitations", get(cohosting::list))
        .route(
            "/@{handle}/invitations/cohosting",
            post(cohosting::accept_cohosting),
        )
        .route("/@{handle}/invitations/items", post(cohosting::accept_item))
        .route("/admin", get(admin::index))
        .route(
            "/admin/settings",
            get(instance_settings::show).post(instance_settings::save),
        )
        .route("/admin/accounts", post(admin::account_access))
        .route("/admin/blocks", post(admin::block))
        .route("/admin/reports", post(admin::resolve_report))
        .route("/admin/sent-reports", post(report::decide))
        .route("/report", get(report::form).post(report::send))
        .route("/admin/queue", post(admin::retry))
        .route("/admin/links", post(admin::make_link))
        .route("/admin/registry", get(registry_admin::index))
        .route("/admin/registry/changes", post(registry_admin::change))
        .route("/admin/registry/proposals", post(registry_admin::propose))
        .route(
            "/admin/registry/proposals/{id}/close",
            post(registry_admin::close),
        )
        .route("/search", get(search::search_page))
        .route("/registry", get(registry_pages::registry_page))
        .route(
            "/registry/proposals/{id}",
            get(proposal_pages::proposal_page),
        )
        .route(
            "/registry/apply",
            get(registry_pages::apply_form).post(registry_pages::apply),
        )
        .route("/timeline", get(mine::timeline_page))
        .route("/my/events", get(mine::my_events))
        .route("/my/calendar", post(mine::calendar_address))
        .route("/my/actions", get(mine::my_actions))
        .route("/my/votes", get(votes::my_votes))
        .route("/my/votes/{id}", get(votes::vote_form).post(votes::cast))
        .route("/events/{id}/participants", get(event_participants::list))
        .route("/events/{id}/decisions", post(event_participants::decide))
        .route(
            "/events/{id}/participants.csv",
            get(event_participants::csv),
        )
        .route("/actions/{id}/participants", get(participants::page))
        .route("/actions/{id}/participants.csv", get(participants::csv))
}

//! Remote interaction in the browser. On our pages, a visitor whose account is elsewhere types
//! their address and is sent to their own server to follow, sign or answer there
//! (`/interact`). On our side, a person another server's page sent here confirms the follow,
//! the signature or the RSVP (`/authorize_interaction`, the template our WebFinger names), and
//! sees whom they follow (`/following`).

use super::account::Problem;
use super::form::{PageForm, TOKEN_FIELD, sign_in_first};
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::federation::outbox::ParticipationNote;
use crate::service::ServiceError;
use crate::service::elsewhere::Participable;
use crate::service::follows::{self, Followed};
use crate::service::interaction::{self, Confirmed, Intent, ToConfirm};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use url::Url;

/// The "do this from your own server" form on a page: what it acts on, how, and what the
/// visitor typed.
pub struct ElsewhereForm {
    /// Our id of the actor, action or event.
    pub object: String,
    /// `follow` or `join`, as `/interact` takes it.
    pub intent: &'static str,
    /// The button's words.
    pub label: String,
    pub address: String,
    pub problem: Option<Problem>,
}

impl ElsewhereForm {
    /// An empty form: `follow` an actor, or `join` an action or event, with `label` on its button.
    pub fn new(object: impl Into<String>, intent: Intent, label: String) -> Self {
        Self {
            object: object.into(),
            intent: intent_name(intent),
            label,
            address: String::new(),
            problem: None,
        }
    }
}

fn intent_name(intent: Intent) -> &'static str {
    match intent {
        Intent::Follow => "follow",
        Intent::Join => "join",
    }
}

#[derive(Template)]
#[template(path = "interaction/elsewhere.html")]
struct ElsewherePage {
    title: String,
    nav: Nav,
    elsewhere: ElsewhereForm,
    /// Where the visitor's server lets them do it, and its host: shown as a link, never
    /// redirected to, so that a link to this page cannot send anyone anywhere unseen.
    continue_to: Option<(String, String)>,
    /// That server only opens the object (its subscribe template): say what to do there.
    only_opens: bool,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InteractQuery {
    /// What to act on: one of our actors, actions or events.
    object: String,
    /// The visitor's address, `name@host`.
    handle: String,
    /// `follow` (the default) or `join`.
    intent: String,
}

/// `GET /interact?object=…&handle=…&intent=…`: shows the visitor the link to their own
/// server's page for following, signing or answering (a link, not a redirect: nobody is sent
/// elsewhere unseen), or says why not with the form again.
pub async fn interact(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<InteractQuery>,
) -> Result<Response, AppError> {
    let object = Url::parse(&query.object)
        .map_err(|_| AppError::BadRequest("object: not a URL".to_owned()))?;
    let intent = match query.intent.as_str() {
        "" | "follow" => Intent::Follow,
        "join" => Intent::Join,
        _ => return Err(AppError::BadRequest("intent: follow or join".to_owned())),
    };
    let outcome = if query.handle.trim().is_empty() {
        Err(ServiceError::Invalid {
            field: "handle",
            message: "type your address, like you@your.server".to_owned(),
        })
    } else {
        let address = visitor.client.address;
        interaction::elsewhere(&state, query.handle.trim(), &object, intent, address).await
    };
    let (status, problem, continue_to, only_opens) = match outcome {
        Ok(found) => (
            StatusCode::OK,
            None,
            Some((found.host, found.target.to_string())),
            !found.advertised && intent == Intent::Join,
        ),
        Err(ServiceError::Invalid { message, .. }) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Some(message), None, false)
        }
        Err(ServiceError::Unavailable(message) | ServiceError::Forbidden(message)) => {
            (StatusCode::BAD_GATEWAY, Some(message), None, false)
        }
        Err(other) => return Err(other.into()),
    };
    let nav = visitor.nav().await?;
    let (title, label) = match intent {
        Intent::Follow => (nav.t("follow-elsewhere"), nav.t("follow-from-home")),
        Intent::Join => (nav.t("take-part-elsewhere"), nav.t("take-part-from-home")),
    };
    let page = ElsewherePage {
        title,
        elsewhere: ElsewhereForm {
            object: object.to_string(),
            intent: intent_name(intent),
            label,
            address: query.handle.clone(),
            problem: problem.map(|message| Problem {
                message,
                field: "handle",
            }),
        },
        nav,
        continue_to,
        only_opens,
    };
    Ok((status, Html(page.render()?)).into_response())
}

#[derive(Template)]
#[template(path = "interaction/authorize.html")]
struct AuthorizePage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    uri: &'a str,
    /// Whom or what: the account's or the object's name.
    name: String,
    /// The account's address, or the host organization's.
    account: String,
    /// `follow`, `action` or `event`.
    kind: &'static str,
    button: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuthorizeQuery {
    uri: String,
}

/// `GET /authorize_interaction?uri=…`: the page where a signed-in person confirms following the
/// account, signing the action or answering the event another server's page sent them here for.
pub async fn authorize_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<AuthorizeQuery>,
) -> Result<Response, AppError> {
    if visitor.caller.is_none() {
        let uri: String = url::form_urlencoded::byte_serialize(query.uri.as_bytes()).collect();
        return Ok(sign_in_first(&format!("/authorize_interaction?uri={uri}")));
    }
    let found = interaction::to_confirm(&state, &query.uri).await?;
    let nav = visitor.nav().await?;
    let (title, name, account, kind, button) = match found {
        ToConfirm::Follow(account) => {
            let title = nav.t("follow-confirm-title");
            (
                title,
                account.name,
                account.address,
                "follow",
                nav.t("follow"),
            )
        }
        ToConfirm::Join { kind, title, host } => {
            let account = host.address;
            let (page_title, key, button) = match kind {
                Participable::Action => ("sign-confirm-title", "action", "take-part-confirm"),
                Participable::Event => ("rsvp-confirm-title", "event", "going"),
            };
            (nav.t(page_title), title, account, key, nav.t(button))
        }
    };
    let page = AuthorizePage {
        title,
        token_field: TOKEN_FIELD,
        uri: &query.uri,
        name,
        account,
        kind,
        button,
        nav,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Debug, Deserialize)]
pub struct AuthorizeForm {
    uri: String,
    #[serde(default)]
    comment: String,
    /// The consent checkbox: present when ticked.
    #[serde(default)]
    consent: Option<String>,
}

/// `POST /authorize_interaction`: follows, signs or answers, then shows the person's follows,
/// actions or events.
pub async fn authorize(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<AuthorizeForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/following"));
    };
    let fields = &form.fields;
    let comment = fields.comment.trim();
    let note = ParticipationNote {
        message: (!comment.is_empty()).then(|| comment.to_owned()),
        consent_to_contact: Some(fields.consent.is_some()),
    };
    let done = interaction::confirm(&state, caller, &fields.uri, note).await?;
    Ok(Redirect::to(match done {
        Confirmed::Followed => "/following",
        Confirmed::Joined(Participable::Action) => "/my/actions",
        Confirmed::Joined(Participable::Event) => "/my/events",
    })
    .into_response())
}

#[derive(Template)]
#[template(path = "interaction/following.html")]
struct FollowingPage {
    title: String,
    nav: Nav,
    following: Vec<Followed>,
}

/// `GET /following`: whom the signed-in person follows elsewhere, and whether they accepted.
pub async fn following(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/following"));
    };
    let following = follows::following(&state, caller).await?;
    let nav = visitor.nav().await?;
    let page = FollowingPage {
        title: nav.t("following-title"),
        nav,
        following,
    };
    Ok(Html(page.render()?).into_response())
}

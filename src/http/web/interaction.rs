//! Remote interaction in the browser. On our pages, a visitor whose account is elsewhere types
//! their address and is sent to their own server to follow there (`/interact`). On our side, a
//! person another server's page sent here confirms the follow (`/authorize_interaction`, the
//! template our WebFinger names), and sees whom they follow (`/following`).

use super::account::Problem;
use super::form::{PageForm, TOKEN_FIELD, sign_in_first};
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::follows::{self, Followed};
use crate::service::interaction;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use url::Url;

#[derive(Template)]
#[template(path = "interaction/elsewhere.html")]
struct ElsewherePage<'a> {
    title: String,
    nav: Nav,
    object: &'a str,
    /// The address the visitor typed.
    address: &'a str,
    problem: Option<Problem>,
    /// Where the visitor's server follows accounts, and its host: shown as a link to follow,
    /// never redirected to, so that a link to this page cannot send anyone anywhere unseen.
    continue_to: Option<(String, String)>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct InteractQuery {
    /// The actor to follow: one of ours.
    object: String,
    /// The visitor's address, `name@host`.
    handle: String,
}

/// `GET /interact?object=…&handle=…`: shows the visitor the link to their own server's follow
/// page (a link, not a redirect: nobody is sent elsewhere unseen), or says why not with the form
/// again.
pub async fn interact(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<InteractQuery>,
) -> Result<Response, AppError> {
    let object = Url::parse(&query.object)
        .map_err(|_| AppError::BadRequest("object: not a URL".to_owned()))?;
    let outcome = if query.handle.trim().is_empty() {
        Err(ServiceError::Invalid {
            field: "handle",
            message: "type your address, like you@your.server".to_owned(),
        })
    } else {
        let address = visitor.client.address;
        interaction::follow_elsewhere(&state, query.handle.trim(), &object, address).await
    };
    let (status, problem, continue_to) = match outcome {
        Ok(target) => {
            let host = crate::federation::inbound::authority(&target);
            (StatusCode::OK, None, Some((host, target.to_string())))
        }
        Err(ServiceError::Invalid { message, .. }) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Some(message), None)
        }
        Err(ServiceError::Unavailable(message) | ServiceError::Forbidden(message)) => {
            (StatusCode::BAD_GATEWAY, Some(message), None)
        }
        Err(other) => return Err(other.into()),
    };
    let nav = visitor.nav().await?;
    let page = ElsewherePage {
        title: nav.t("follow-elsewhere"),
        nav,
        object: object.as_str(),
        address: &query.handle,
        problem: problem.map(|message| Problem {
            message,
            field: "handle",
        }),
        continue_to,
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
    name: &'a str,
    account: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct AuthorizeQuery {
    uri: String,
}

/// `GET /authorize_interaction?uri=…`: the page where a signed-in person confirms following the
/// account another server's page sent them here for.
pub async fn authorize_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<AuthorizeQuery>,
) -> Result<Response, AppError> {
    if visitor.caller.is_none() {
        let uri: String = url::form_urlencoded::byte_serialize(query.uri.as_bytes()).collect();
        return Ok(sign_in_first(&format!("/authorize_interaction?uri={uri}")));
    }
    let actor = interaction::actor_to_follow(&state, &query.uri).await?;
    let nav = visitor.nav().await?;
    let page = AuthorizePage {
        title: nav.t("follow-confirm-title"),
        token_field: TOKEN_FIELD,
        uri: &query.uri,
        name: if actor.name.is_empty() {
            &actor.preferred_username
        } else {
            &actor.name
        },
        account: format!("@{}@{}", actor.preferred_username, actor.host),
        nav,
    };
    Ok(Html(page.render()?).into_response())
}

#[derive(Debug, Deserialize)]
pub struct AuthorizeForm {
    uri: String,
}

/// `POST /authorize_interaction`: follows, then shows whom the person follows.
pub async fn authorize(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<AuthorizeForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/following"));
    };
    interaction::confirm_follow(&state, caller, &form.fields.uri).await?;
    Ok(Redirect::to("/following").into_response())
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

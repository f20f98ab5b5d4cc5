//! Account pages: sign up, sign in, sign out, and the account page with the person's sessions
//! and "sign out everywhere".

use super::form::{NoFields, PageForm, TOKEN_FIELD, sign_in_first};
pub use super::problem::Problem;
use super::visitor::{Nav, Visitor};
use crate::domain::SignupPolicy;
use crate::error::AppError;
use crate::service::accounts::{self, SessionView, SignInError};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account/sign_in.html")]
struct SignInPage<'a> {
    title: &'a str,
    nav: Nav,
    token_field: &'a str,
    form_token: String,
    handle: &'a str,
    next: &'a str,
    problem: Option<Problem>,
    signup_open: bool,
}

#[derive(Debug, Default, Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Where to go after signing in: a path on this site, never another site. The path is read
/// against our own address and must stay on it; whitespace, control characters and
/// backslashes are refused outright (browsers drop or reinterpret them in `Location`).
fn local_path(base: &str, next: Option<&str>) -> String {
    let home = || "/".to_owned();
    let Some(path) = next.filter(|path| {
        path.starts_with('/')
            && !path.starts_with("//")
            && !path
                .chars()
                .any(|c| c.is_control() || c.is_whitespace() || c == '\\')
    }) else {
        return home();
    };
    let Ok(base) = url::Url::parse(base) else {
        return home();
    };
    match base.join(path) {
        Ok(url) if url.origin() == base.origin() => match url.query() {
            Some(query) => format!("{}?{query}", url.path()),
            None => url.path().to_owned(),
        },
        _ => home(),
    }
}

pub(super) fn page(status: StatusCode, template: &impl Template) -> Result<Response, AppError> {
    Ok((status, Html(template.render()?)).into_response())
}

pub async fn sign_in_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<NextQuery>,
) -> Result<Response, AppError> {
    let next = local_path(&state.config.public_url(), query.next.as_deref());
    if visitor.caller.is_some() {
        return Ok(Redirect::to(&next).into_response());
    }
    page(
        StatusCode::OK,
        &SignInPage {
            title: &visitor.tr.t("sign-in"),
            nav: visitor.nav().await?,
            token_field: TOKEN_FIELD,
            form_token: accounts::form_token(&visitor.session).await?,
            handle: "",
            next: &next,
            problem: None,
            signup_open: crate::service::instance_settings::info(&state)
                .await?
                .signup
                == SignupPolicy::Open,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct SignInForm {
    handle: String,
    password: String,
    next: Option<String>,
}

pub async fn sign_in(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<SignInForm>,
) -> Result<Response, AppError> {
    let PageForm { fields, session } = form;
    let next = local_path(&state.config.public_url(), fields.next.as_deref());
    let outcome = accounts::sign_in(
        &state,
        &session,
        &fields.handle,
        fields.password,
        &visitor.client,
    )
    .await;
    let (status, message, wait) = match outcome {
        Ok(_) => return Ok(Redirect::to(&next).into_response()),
        Err(SignInError::Refused(message)) => (StatusCode::UNAUTHORIZED, message, None),
        Err(error @ SignInError::TooMany(wait)) => {
            (StatusCode::TOO_MANY_REQUESTS, error.to_string(), Some(wait))
        }
        Err(SignInError::Failed(error)) => return Err(error.into()),
    };
    let mut response = page(
        status,
        &SignInPage {
            title: &visitor.tr.t("sign-in"),
            nav: visitor.signed_out_nav(),
            token_field: TOKEN_FIELD,
            form_token: accounts::form_token(&session).await?,
            handle: &fields.handle,
            next: &next,
            problem: Some(Problem {
                message,
                field: "password",
            }),
            signup_open: crate::service::instance_settings::info(&state)
                .await?
                .signup
                == SignupPolicy::Open,
        },
    )?;
    if let Some(wait) = wait {
        let seconds = wait.as_secs().max(1).to_string();
        if let Ok(value) = HeaderValue::from_str(&seconds) {
            response.headers_mut().insert(header::RETRY_AFTER, value);
        }
    }
    Ok(response)
}

pub async fn sign_out(form: PageForm<NoFields>) -> Result<Response, AppError> {
    accounts::sign_out(&form.session).await?;
    Ok(Redirect::to("/").into_response())
}

#[derive(Template)]
#[template(path = "account/account.html")]
struct AccountPage<'a> {
    title: &'a str,
    nav: Nav,
    token_field: &'a str,
    acct: String,
    sessions: Vec<SessionLine>,
    invitations: Vec<(crate::service::orgs::members::Invitation, String)>,
    /// The person's API tokens: id, prefix, when made, when last used.
    tokens: Vec<(i64, String, String, String)>,
    /// A token just made: its secret, shown this once.
    new_token: Option<String>,
}

/// One session as the account page lists it.
struct SessionLine {
    browser: String,
    signed_in: String,
    last_used: String,
    current: bool,
}

fn when(millis: i64) -> String {
    chrono::DateTime::from_timestamp_millis(millis)
        .map(|at| at.format("%Y-%m-%d %H:%M UTC").to_string())
        .unwrap_or_default()
}

impl From<SessionView> for SessionLine {
    fn from(view: SessionView) -> Self {
        Self {
            browser: view.browser,
            signed_in: when(view.signed_in_at),
            last_used: when(view.last_used_at),
            current: view.current,
        }
    }
}

pub async fn account_page(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    account_page_with(&state, &visitor, None).await
}

async fn account_page_with(
    state: &AppState,
    visitor: &Visitor,
    new_token: Option<String>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/account"));
    };
    let sessions = accounts::sessions(state, caller, &visitor.session).await?;
    let nav = visitor.nav().await?;
    let invitations = crate::service::orgs::members::invitations(state, caller)
        .await?
        .into_iter()
        .map(|invitation| {
            let role = nav.t(&format!("role-{}", invitation.role.as_str()));
            (invitation, role)
        })
        .collect();
    let tokens = crate::service::tokens::own_tokens(state, caller)
        .await?
        .into_iter()
        .map(|t| {
            let used = t.last_used_at.map(when).unwrap_or_default();
            (t.id, t.prefix, when(t.created_at), used)
        })
        .collect();
    page(
        StatusCode::OK,
        &AccountPage {
            title: &visitor.tr.t("your-account"),
            acct: format!("@{}@{}", caller.handle, state.config.domain),
            invitations,
            nav,
            token_field: TOKEN_FIELD,
            sessions: sessions.into_iter().map(SessionLine::from).collect(),
            tokens,
            new_token,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct TokenForm {
    /// A token to revoke; absent to make a new one.
    revoke: Option<i64>,
}

/// `POST /account/tokens`: makes an API token (its secret shown once) or revokes one.
pub async fn tokens(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<TokenForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/account"));
    };
    if let Some(id) = form.fields.revoke {
        crate::service::tokens::revoke_own_token(&state, caller, id).await?;
        return Ok(Redirect::to("/account").into_response());
    }
    let secret = crate::service::tokens::make_own_token(&state, caller).await?;
    account_page_with(&state, &visitor, Some(secret)).await
}

pub async fn sign_out_everywhere(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<NoFields>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(Redirect::to("/login").into_response());
    };
    accounts::sign_out_everywhere(&state, caller, &form.session).await?;
    Ok(Redirect::to("/login").into_response())
}

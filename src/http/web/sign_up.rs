//! The sign-up page, as the instance's policy has it: open, by approval (the account waits for
//! an administrator), by invitation link, or closed; and the page where a password reset link
//! sets a new password.

use super::account::{Problem, page};
use super::form::{PageForm, TOKEN_FIELD};
use super::visitor::{Nav, Visitor};
use crate::domain::SignupPolicy;
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::accounts::{self, NewAccount, SignedUp};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account/sign_up.html")]
struct SignUpPage<'a> {
    title: &'a str,
    nav: Nav,
    token_field: &'a str,
    form_token: String,
    /// Whether the form is shown (sign-up is possible for this visitor).
    open: bool,
    /// New accounts wait for an administrator's approval.
    approval: bool,
    /// The account was made and waits for approval.
    waiting: bool,
    /// The invitation the visitor came with, carried by the form.
    invitation: &'a str,
    handle: &'a str,
    display_name: &'a str,
    domain: &'a str,
    problem: Option<Problem>,
}

impl SignUpPage<'_> {
    /// Whether the form came back because of `field`.
    fn invalid(&self, field: &str) -> bool {
        self.problem.as_ref().is_some_and(|p| p.field == field)
    }
}

#[derive(Debug, Default, Deserialize)]
pub struct InviteQuery {
    #[serde(default)]
    invite: String,
}

/// Whether this visitor may sign up, as the policy and their invitation say.
async fn may_sign_up(state: &AppState, invitation: &str) -> Result<bool, AppError> {
    Ok(
        match crate::service::instance_settings::info(state).await?.signup {
            SignupPolicy::Open | SignupPolicy::Approval => true,
            SignupPolicy::Invitation => {
                !invitation.is_empty() && accounts::invitation_usable(state, invitation).await?
            }
            SignupPolicy::Closed => false,
        },
    )
}

/// `GET /signup[?invite=…]`.
pub async fn sign_up_page(
    State(state): State<AppState>,
    visitor: Visitor,
    Query(query): Query<InviteQuery>,
) -> Result<Response, AppError> {
    if visitor.caller.is_some() {
        return Ok(Redirect::to("/account").into_response());
    }
    let open = may_sign_up(&state, &query.invite).await?;
    page(
        if open {
            StatusCode::OK
        } else {
            StatusCode::FORBIDDEN
        },
        &SignUpPage {
            title: &visitor.tr.t("sign-up"),
            nav: visitor.nav().await?,
            token_field: TOKEN_FIELD,
            // No form, so no session, when this visitor cannot sign up.
            form_token: if open {
                accounts::form_token(&visitor.session).await?
            } else {
                String::new()
            },
            open,
            approval: crate::service::instance_settings::info(&state)
                .await?
                .signup
                == SignupPolicy::Approval,
            waiting: false,
            invitation: &query.invite,
            handle: "",
            display_name: "",
            domain: state.config.domain.as_str(),
            problem: None,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct SignUpForm {
    handle: String,
    display_name: String,
    password: String,
    password_again: String,
    #[serde(default)]
    invite: String,
}

/// `POST /signup`.
pub async fn sign_up(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<SignUpForm>,
) -> Result<Response, AppError> {
    let PageForm { fields, session } = form;
    let account = NewAccount {
        handle: fields.handle.clone(),
        display_name: fields.display_name.clone(),
        password: fields.password,
        password_again: fields.password_again,
        invitation: Some(fields.invite.clone()).filter(|i| !i.is_empty()),
    };
    let (status, problem, waiting) =
        match accounts::sign_up(&state, &session, account, &visitor.client).await {
            Ok(SignedUp::SignedIn(_)) => return Ok(Redirect::to("/account").into_response()),
            Ok(SignedUp::AwaitingApproval) => (StatusCode::OK, None, true),
            Err(ServiceError::Invalid { field, message }) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                Some(Problem { message, field }),
                false,
            ),
            Err(ServiceError::Conflict(message)) => (
                StatusCode::CONFLICT,
                Some(Problem {
                    message,
                    field: "handle",
                }),
                false,
            ),
            Err(ServiceError::Forbidden(message)) => (
                StatusCode::FORBIDDEN,
                Some(Problem { message, field: "" }),
                false,
            ),
            Err(other) => return Err(other.into()),
        };
    page(
        status,
        &SignUpPage {
            title: &visitor.tr.t("sign-up"),
            nav: visitor.signed_out_nav(),
            token_field: TOKEN_FIELD,
            form_token: accounts::form_token(&session).await?,
            open: !waiting,
            approval: crate::service::instance_settings::info(&state)
                .await?
                .signup
                == SignupPolicy::Approval,
            waiting,
            invitation: &fields.invite,
            handle: &fields.handle,
            display_name: &fields.display_name,
            domain: state.config.domain.as_str(),
            problem,
        },
    )
}

#[derive(Template)]
#[template(path = "account/reset.html")]
struct ResetPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    form_token: String,
    secret: &'a str,
    usable: bool,
    problem: Option<Problem>,
}

/// `GET /reset/{secret}`: the form for a new password, when the link still works.
pub async fn reset_page(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let usable = accounts::reset_usable(&state, &secret).await?;
    page(
        if usable {
            StatusCode::OK
        } else {
            StatusCode::GONE
        },
        &ResetPage {
            title: visitor.tr.t("new-password"),
            nav: visitor.signed_out_nav(),
            token_field: TOKEN_FIELD,
            form_token: if usable {
                accounts::form_token(&visitor.session).await?
            } else {
                String::new()
            },
            secret: &secret,
            usable,
            problem: None,
        },
    )
}

#[derive(Debug, Deserialize)]
pub struct ResetForm {
    password: String,
    password_again: String,
}

/// `POST /reset/{secret}`: sets the new password; then the person signs in with it.
pub async fn reset(
    State(state): State<AppState>,
    Path(secret): Path<String>,
    visitor: Visitor,
    form: PageForm<ResetForm>,
) -> Result<Response, AppError> {
    let PageForm { fields, session } = form;
    let outcome = accounts::reset_password(
        &state,
        &session,
        &secret,
        &fields.password,
        &fields.password_again,
    )
    .await;
    let (status, problem) = match outcome {
        Ok(()) => return Ok(Redirect::to("/login").into_response()),
        Err(ServiceError::Invalid { field, message }) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Problem { message, field })
        }
        Err(ServiceError::Forbidden(message)) => (StatusCode::GONE, Problem { message, field: "" }),
        Err(other) => return Err(other.into()),
    };
    page(
        status,
        &ResetPage {
            title: visitor.tr.t("new-password"),
            nav: visitor.signed_out_nav(),
            token_field: TOKEN_FIELD,
            form_token: accounts::form_token(&session).await?,
            secret: &secret,
            usable: status != StatusCode::GONE,
            problem: Some(problem),
        },
    )
}

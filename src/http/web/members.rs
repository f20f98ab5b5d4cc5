//! An organization's members page (its people and their roles; owners and admins invite,
//! change roles and remove there), and answering an invitation from one's account page.

use super::account::Problem;
use super::form::{Choice, PageForm, TOKEN_FIELD, choices, org_handle, sign_in_first};
use super::visitor::{Nav, Visitor};
use crate::domain::{Handle, OrgRole};
use crate::error::AppError;
use crate::service::ServiceError;
use crate::service::orgs::members::{self, Member};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

const ROLES: [&str; 3] = ["member", "admin", "owner"];

#[derive(Template)]
#[template(path = "orgs/members.html")]
struct MembersPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    organization: &'a str,
    /// Each member, their role in words, and the roles the viewer may give them (empty: no
    /// change allowed).
    members: Vec<(Member, String, Vec<Choice>)>,
    /// The roles the viewer may invite people in (empty: they may not invite).
    invite_roles: Vec<Choice>,
    problem: Option<Problem>,
}

/// The roles a viewer in role `viewer` may give (or act on), among `ROLES`.
fn allowed(viewer: OrgRole) -> Vec<&'static str> {
    match viewer {
        OrgRole::Owner => ROLES.to_vec(),
        OrgRole::Admin => vec!["member"],
        OrgRole::Member => Vec::new(),
    }
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    org: &Handle,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/members")));
    };
    let listed = members::members(state, caller, org).await?;
    let nav = visitor.nav().await?;
    let allowed = allowed(listed.viewer);
    let members = listed
        .members
        .into_iter()
        .map(|member| {
            let changeable = allowed.contains(&member.role.as_str());
            let roles = if changeable {
                choices(&nav, "role", &allowed, member.role.as_str())
            } else {
                Vec::new()
            };
            let role = nav.t(&format!("role-{}", member.role.as_str()));
            (member, role, roles)
        })
        .collect();
    let (status, problem) = Problem::with_status(problem);
    let page = MembersPage {
        title: nav.ts("members-of", "organization", org.as_str()),
        token_field: TOKEN_FIELD,
        organization: org.as_str(),
        members,
        invite_roles: choices(&nav, "role", &allowed, "member"),
        problem,
        nav,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /@{org}/members`.
pub async fn list(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    page(&state, &visitor, &org_handle(&org)?, None).await
}

#[derive(Debug, Deserialize)]
pub struct MemberForm {
    handle: String,
    #[serde(default)]
    role: String,
}

fn role(text: &str) -> Result<OrgRole, ServiceError> {
    OrgRole::from_stored(text).ok_or_else(|| crate::service::fields::invalid("role", "choose one"))
}

/// The page again after a change: with the problem when the service refused it.
async fn after(
    state: &AppState,
    visitor: &Visitor,
    org: &Handle,
    outcome: Result<(), ServiceError>,
) -> Result<Response, AppError> {
    let problem = match outcome {
        Ok(()) => return Ok(Redirect::to(&format!("/@{org}/members")).into_response()),
        Err(error) => Problem::of(error, "handle")?,
    };
    page(state, visitor, org, Some(problem)).await
}

/// `POST /@{org}/members/invitations`.
pub async fn invite(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
    form: PageForm<MemberForm>,
) -> Result<Response, AppError> {
    let org = org_handle(&org)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/members")));
    };
    let fields = &form.fields;
    let outcome = match role(&fields.role) {
        Ok(role) => members::invite(&state, caller, &org, &fields.handle, role).await,
        Err(error) => Err(error),
    };
    after(&state, &visitor, &org, outcome).await
}

/// `POST /@{org}/members/roles`.
pub async fn set_role(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
    form: PageForm<MemberForm>,
) -> Result<Response, AppError> {
    let org = org_handle(&org)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/members")));
    };
    let fields = &form.fields;
    let outcome = match role(&fields.role) {
        Ok(role) => members::set_role(&state, caller, &org, &fields.handle, role).await,
        Err(error) => Err(error),
    };
    after(&state, &visitor, &org, outcome).await
}

/// `POST /@{org}/members/removals`.
pub async fn remove(
    State(state): State<AppState>,
    Path(org): Path<String>,
    visitor: Visitor,
    form: PageForm<MemberForm>,
) -> Result<Response, AppError> {
    let org = org_handle(&org)?;
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/@{org}/members")));
    };
    let outcome = members::remove(&state, caller, &org, &form.fields.handle).await;
    after(&state, &visitor, &org, outcome).await
}

#[derive(Debug, Deserialize)]
pub struct AnswerForm {
    organization: String,
    /// `accept` or `decline`.
    answer: String,
}

/// `POST /account/invitations`: accepts or declines an invitation into an organization.
pub async fn answer(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<AnswerForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/account"));
    };
    let org = org_handle(&form.fields.organization)?;
    let accept = form.fields.answer == "accept";
    members::answer_invitation(&state, caller, &org, accept).await?;
    let next = if accept {
        format!("/@{org}")
    } else {
        "/account".to_owned()
    };
    Ok(Redirect::to(&next).into_response())
}

#[cfg(test)]
mod tests {
    use super::ROLES;
    use crate::http::web::i18n::Tr;

    #[test]
    fn every_role_has_words() {
        for role in ROLES {
            assert!(
                !Tr::default()
                    .t(&format!("role-{role}"))
                    .starts_with("Unknown"),
                "{role}"
            );
        }
    }
}

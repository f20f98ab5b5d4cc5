//! The instance's settings page for administrators (`/admin/settings`): its name, the
//! description on its home page and in NodeInfo, and who may sign up.

use super::account::Problem;
use super::form::{Choice, PageForm, TOKEN_FIELD, choices, sign_in_first};
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::instance_settings;
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

const POLICIES: [&str; 4] = ["closed", "invitation", "approval", "open"];

#[derive(Template)]
#[template(path = "admin/settings.html")]
struct SettingsPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    form: &'a SettingsForm,
    policies: Vec<Choice>,
    problem: Option<Problem>,
}

impl SettingsPage<'_> {
    fn invalid(&self, field: &str) -> bool {
        self.problem.as_ref().is_some_and(|p| p.field == field)
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct SettingsForm {
    name: String,
    description: String,
    signup: String,
}

async fn page(
    visitor: &Visitor,
    form: &SettingsForm,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = SettingsPage {
        title: nav.t("instance-settings"),
        token_field: TOKEN_FIELD,
        policies: choices(&nav, "policy", &POLICIES, &form.signup),
        form,
        problem,
        nav,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /admin/settings`.
pub async fn show(State(state): State<AppState>, visitor: Visitor) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/admin/settings"));
    };
    let info = instance_settings::for_admin(&state, caller).await?;
    let form = SettingsForm {
        name: info.name,
        description: info.description,
        signup: info.signup.to_string(),
    };
    page(&visitor, &form, None).await
}

/// `POST /admin/settings`: saves, then shows the home page as visitors see it.
pub async fn save(
    State(state): State<AppState>,
    visitor: Visitor,
    form: PageForm<SettingsForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first("/admin/settings"));
    };
    let f = &form.fields;
    match instance_settings::save(&state, caller, &f.name, &f.description, &f.signup).await {
        Ok(_) => Ok(Redirect::to("/").into_response()),
        Err(error) => {
            let problem = Problem::of(error, "")?;
            page(&visitor, f, Some(problem)).await
        }
    }
}

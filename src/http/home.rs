//! The home page.

use crate::error::AppError;
use crate::http::web::{Nav, Visitor};
use crate::state::AppState;
use askama::Template;
use axum::extract::State;
use axum::response::Html;

#[derive(Template)]
#[template(path = "home/index.html")]
struct HomePage<'a> {
    nav: Nav,
    title: &'a str,
    name: &'a str,
    description: &'a str,
    domain: &'a str,
}

pub async fn home(
    State(state): State<AppState>,
    visitor: Visitor,
) -> Result<Html<String>, AppError> {
    let instance = &state.config.instance;
    let page = HomePage {
        nav: visitor.nav().await?,
        title: &instance.name,
        name: &instance.name,
        description: &instance.description,
        domain: state.config.domain.as_str(),
    };
    Ok(Html(page.render()?))
}

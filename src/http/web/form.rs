//! `PageForm`: a form posted from one of our pages, checked before its fields are read: it
//! must come from our own origin and carry the session's form token (no cross-site forgery).
//! Also what every form page shares: select options, the organization in the path, and sending
//! a visitor to sign in first.

use super::visitor::Nav;
use crate::domain::Handle;
use crate::error::AppError;
use crate::service::accounts;
use crate::state::AppState;
use axum::Form;
use axum::body::Body;
use axum::extract::{FromRequest, FromRequestParts, Request};
use axum::http::header;
use axum::response::{IntoResponse, Redirect, Response};
use serde::de::DeserializeOwned;
use tower_sessions::Session;

/// The name of the hidden field that carries the form token.
pub const TOKEN_FIELD: &str = "form_token";

/// The fields of a form posted from our own page, and the session it was posted in.
pub struct PageForm<T> {
    pub fields: T,
    pub session: Session,
}

fn expired() -> AppError {
    AppError::Forbidden(
        "this form is out of date or was sent from another site: reload the page and send it again"
            .to_owned(),
    )
}

impl<T: DeserializeOwned + Send> FromRequest<AppState> for PageForm<T> {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &AppState) -> Result<Self, AppError> {
        let (mut parts, body) = request.into_parts();
        if let Some(origin) = parts.headers.get(header::ORIGIN) {
            let ours = state.config.public_url();
            if origin.to_str().ok() != Some(ours.as_str()) {
                return Err(expired());
            }
        }
        let session = Session::from_request_parts(&mut parts, state)
            .await
            .map_err(|(_, message)| AppError::Internal(message.into()))?;
        let limit = state.config.limits.request_body_bytes;
        let bytes = axum::body::to_bytes(body, limit)
            .await
            .map_err(|e| AppError::BadRequest(format!("the form could not be read: {e}")))?;
        let presented = url::form_urlencoded::parse(&bytes)
            .find(|(name, _)| name == TOKEN_FIELD)
            .map(|(_, value)| value.into_owned())
            .unwrap_or_default();
        if !accounts::form_token_matches(&session, &presented).await? {
            return Err(expired());
        }
        let request = Request::from_parts(parts, Body::from(bytes));
        let Form(fields) = Form::<T>::from_request(request, state)
            .await
            .map_err(|e| AppError::BadRequest(e.body_text()))?;
        Ok(Self { fields, session })
    }
}

/// One option of a `<select>`: its value, its words in the page's language, and whether the
/// form holds it.
pub struct Choice {
    pub value: &'static str,
    pub label: String,
    pub selected: bool,
}

/// The options `values` of a select whose messages are `PREFIX-VALUE`.
pub fn choices(nav: &Nav, prefix: &str, values: &[&'static str], current: &str) -> Vec<Choice> {
    values
        .iter()
        .map(|value| Choice {
            value,
            label: nav.t(&format!("{prefix}-{value}")),
            selected: *value == current,
        })
        .collect()
}

/// The organization a path names (`climate_now` or `@climate_now`).
pub fn org_handle(text: &str) -> Result<Handle, AppError> {
    Handle::parse_lookup(text.trim_start_matches('@'))
        .ok_or_else(|| AppError::NotFound(format!("no organization named '{text}'")))
}

/// The sign-in page that comes back to `here` afterwards. `here` is percent-encoded as a query
/// value, its `/` and `@` left readable (they need no escaping there).
pub fn sign_in_url(here: &str) -> String {
    let next: String = url::form_urlencoded::byte_serialize(here.as_bytes()).collect();
    format!(
        "/login?next={}",
        next.replace("%2F", "/").replace("%40", "@")
    )
}

/// Sends a visitor who is not signed in to sign in first, then back to `here`.
pub fn sign_in_first(here: &str) -> Response {
    Redirect::to(&sign_in_url(here)).into_response()
}

#[cfg(test)]
mod tests {
    use super::sign_in_url;

    #[test]
    fn the_way_back_after_signing_in_is_one_query_value() {
        assert_eq!(sign_in_url("/account"), "/login?next=/account");
        assert_eq!(
            sign_in_url("/@climate_now/members"),
            "/login?next=/@climate_now/members"
        );
        assert_eq!(
            sign_in_url("/authorize_interaction?uri=http://x.test/a&b"),
            "/login?next=/authorize_interaction%3Furi%3Dhttp%3A//x.test/a%26b"
        );
    }
}

/// A form with nothing but its token (a button).
#[derive(Debug, serde::Deserialize)]
pub struct NoFields {}

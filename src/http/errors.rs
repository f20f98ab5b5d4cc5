//! Error pages for browsers: the same message as the JSON error, as an HTML page when the
//! client asked for HTML. API and ActivityPub clients keep the JSON.

use crate::error::ErrorMessage;
use crate::http::web::{Nav, Problem};
use askama::Template;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "errors/error.html")]
struct ErrorPage {
    nav: Nav,
    title: String,
    code: u16,
    /// The message, in the page's language when the catalogue has it.
    problem: Problem,
}

/// The words naming a status on the error page, in the page's language.
fn title_of(nav: &Nav, status: axum::http::StatusCode) -> String {
    match status.as_u16() {
        code @ (400 | 401 | 403 | 404 | 409 | 410 | 413 | 422 | 429 | 500 | 502 | 503) => {
            nav.t(&format!("error-{code}"))
        }
        _ => status.canonical_reason().unwrap_or("Error").to_owned(),
    }
}

/// Re-renders error responses as HTML for requests whose `Accept` prefers `text/html`.
pub async fn html_for_browsers(request: Request, next: Next) -> Response {
    let wants_html = prefers_html(request.headers().get(header::ACCEPT));
    let accept_language = request
        .headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|value| value.to_str().ok())
        .map(str::to_owned);
    let response = next.run(request).await;
    if !wants_html {
        return response;
    }
    let Some(ErrorMessage(message)) = response.extensions().get::<ErrorMessage>().cloned() else {
        return response;
    };
    let status = response.status();
    let nav = Nav::anonymous(accept_language.as_deref());
    let page = ErrorPage {
        title: title_of(&nav, status),
        nav,
        code: status.as_u16(),
        problem: Problem { message, field: "" },
    };
    match page.render() {
        Ok(body) => (status, Html(body)).into_response(),
        Err(error) => {
            tracing::error!(%error, "cannot render the error page");
            response
        }
    }
}

/// True when `text/html` comes before any JSON type in `Accept` (browsers list it first).
fn prefers_html(accept: Option<&HeaderValue>) -> bool {
    let Some(accept) = accept.and_then(|value| value.to_str().ok()) else {
        return false;
    };
    for media in accept.split(',') {
        let media = media.split(';').next().unwrap_or_default().trim();
        if media == "text/html" {
            return true;
        }
        if media.contains("json") {
            return false;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::prefers_html;
    use axum::http::HeaderValue;

    #[test]
    fn browsers_get_html_and_fediverse_clients_json() {
        let firefox = HeaderValue::from_static(
            "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8",
        );
        assert!(prefers_html(Some(&firefox)));
        let mastodon = HeaderValue::from_static(
            "application/activity+json, application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\", text/html;q=0.1",
        );
        assert!(!prefers_html(Some(&mastodon)));
        assert!(!prefers_html(None));
    }
}

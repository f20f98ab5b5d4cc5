//! Content negotiation between ActivityPub clients and browsers on one URL.

use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// The media type of every ActivityPub document we serve.
pub const ACTIVITY_JSON: &str = "application/activity+json";

/// True when `Accept` names an ActivityStreams type (`application/activity+json`, or
/// `application/ld+json` with any profile, as Mastodon and others ask).
pub fn wants_activity_json(headers: &HeaderMap) -> bool {
    headers
        .get_all(header::ACCEPT)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|value| value.split(','))
        .map(|media| {
            media
                .split(';')
                .next()
                .unwrap_or_default()
                .trim()
                .to_ascii_lowercase()
        })
        .any(|media| media == ACTIVITY_JSON || media == "application/ld+json")
}

/// A JSON body answered with `Content-Type: application/activity+json` and `Vary: Accept`.
pub struct ActivityJson<T>(pub T);

impl<T: Serialize> IntoResponse for ActivityJson<T> {
    fn into_response(self) -> Response {
        as_activity_json(axum::Json(self.0).into_response())
    }
}

impl ActivityJson<bytes::Bytes> {
    /// A body already serialised (a kept copy, `service::documents`).
    pub fn serialised(body: bytes::Bytes) -> Response {
        as_activity_json(body.into_response())
    }
}

/// `response` with the ActivityStreams type and `Vary: Accept`.
fn as_activity_json(mut response: Response) -> Response {
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static(ACTIVITY_JSON),
    );
    headers.insert(header::VARY, HeaderValue::from_static("Accept"));
    response
}

#[cfg(test)]
mod tests {
    use super::wants_activity_json;
    use axum::http::{HeaderMap, HeaderValue, header};

    fn accept(value: &'static str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static(value));
        headers
    }

    #[test]
    fn recognises_what_fediverse_servers_send() {
        assert!(wants_activity_json(&accept("application/activity+json")));
        assert!(wants_activity_json(&accept(
            "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""
        )));
        assert!(wants_activity_json(&accept(
            "application/activity+json, application/ld+json, text/html;q=0.1"
        )));
        assert!(!wants_activity_json(&accept("text/html,*/*;q=0.8")));
        assert!(!wants_activity_json(&HeaderMap::new()));
    }
}

//! Checks on a fetched response before its JSON is trusted: the ActivityStreams content type,
//! a byte cap on what is actually received, and a bound on JSON nesting depth.

use super::fetch::FetchError;

/// Most bytes of a JSON document we read (INV-5: 1 MB for JSON).
pub const MAX_JSON_BYTES: usize = 1024 * 1024;
/// Deepest nesting of arrays and objects we parse; real ActivityPub documents stay under 10.
pub const MAX_JSON_DEPTH: usize = 64;

const ACTIVITYSTREAMS_PROFILE: &str = "https://www.w3.org/ns/activitystreams";

/// True for `application/activity+json`, or `application/ld+json` with the ActivityStreams
/// profile; case-insensitive, other parameters (such as `charset`) allowed.
pub fn is_activity_json_content_type(value: &str) -> bool {
    let mut parts = value.split(';');
    let essence = parts.next().unwrap_or_default().trim().to_ascii_lowercase();
    match essence.as_str() {
        "application/activity+json" => true,
        "application/ld+json" => parts.any(|parameter| {
            let Some((name, value)) = parameter.split_once('=') else {
                return false;
            };
            // A profile may list several URIs separated by spaces (RFC 6906).
            name.trim().eq_ignore_ascii_case("profile")
                && value
                    .trim()
                    .trim_matches('"')
                    .split_ascii_whitespace()
                    .any(|uri| uri.eq_ignore_ascii_case(ACTIVITYSTREAMS_PROFILE))
        }),
        _ => false,
    }
}

/// Refuses a response whose `Content-Type` is missing or not an ActivityStreams type.
pub(super) fn check_content_type(response: &reqwest::Response) -> Result<(), FetchError> {
    let value = response.headers().get(reqwest::header::CONTENT_TYPE);
    let text = value.and_then(|v| v.to_str().ok());
    match text {
        Some(text) if is_activity_json_content_type(text) => Ok(()),
        Some(text) => Err(FetchError::ContentType(Some(text.to_owned()))),
        None if value.is_some() => Err(FetchError::ContentType(Some("<not text>".to_owned()))),
        None => Err(FetchError::ContentType(None)),
    }
}

/// Reads at most `MAX_JSON_BYTES` of body as it arrives. A declared `Content-Length` over the
/// cap is refused before reading; an absent or lying one changes nothing, the count is ours.
pub(super) async fn read_capped(mut response: reqwest::Response) -> Result<Vec<u8>, FetchError> {
    let too_large = FetchError::TooLarge {
        limit: MAX_JSON_BYTES,
    };
    if response
        .content_length()
        .is_some_and(|length| length > MAX_JSON_BYTES as u64)
    {
        return Err(too_large);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response.chunk().await.map_err(FetchError::from_reqwest)? {
        if body.len() + chunk.len() > MAX_JSON_BYTES {
            return Err(too_large);
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body)
}

/// Parses the body as JSON after checking, without recursion, that it nests no deeper than
/// `MAX_JSON_DEPTH`, so a 100k-deep document costs one pass and no stack.
pub fn parse_bounded(body: &[u8]) -> Result<serde_json::Value, FetchError> {
    if nesting_exceeds(body, MAX_JSON_DEPTH) {
        return Err(FetchError::TooDeep {
            limit: MAX_JSON_DEPTH,
        });
    }
    serde_json::from_slice(body).map_err(FetchError::NotJson)
}

/// True when arrays and objects outside strings nest deeper than `limit`. Malformed input is
/// left for the parser to refuse.
fn nesting_exceeds(bytes: &[u8], limit: usize) -> bool {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for &byte in bytes {
        if in_string {
            if escaped {
                escaped = false;
            } else if byte == b'\\' {
                escaped = true;
            } else if byte == b'"' {
                in_string = false;
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > limit {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::{MAX_JSON_DEPTH, is_activity_json_content_type, nesting_exceeds, parse_bounded};
    use crate::federation::egress::fetch::FetchError;

    #[test]
    fn t11_content_types() {
        for accepted in [
            "application/activity+json",
            "Application/Activity+JSON; charset=utf-8",
            "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"",
            "application/ld+json;profile=https://www.w3.org/ns/activitystreams;charset=utf-8",
            "APPLICATION/LD+JSON; Profile=\"https://www.w3.org/ns/activitystreams https://example.org/p\"",
        ] {
            assert!(is_activity_json_content_type(accepted), "{accepted}");
        }
        for refused in [
            "",
            "text/html",
            "text/html; charset=utf-8",
            "application/json",
            "image/png",
            "application/ld+json",
            "application/ld+json; profile=\"https://example.org/other\"",
            "application/activity+jsonp",
            "text/plain; x=application/activity+json",
        ] {
            assert!(!is_activity_json_content_type(refused), "{refused}");
        }
    }

    #[test]
    fn depth_counts_only_structure_outside_strings() {
        let deep = format!("{}{}", "[".repeat(65), "]".repeat(65));
        assert!(nesting_exceeds(deep.as_bytes(), 64));
        let limit = format!("{}{}", "[".repeat(64), "]".repeat(64));
        assert!(!nesting_exceeds(limit.as_bytes(), 64));
        let quoted = format!("{{\"a\":\"{}\\\"{}\"}}", "[".repeat(100), "{".repeat(100));
        assert!(!nesting_exceeds(quoted.as_bytes(), 64));
    }

    #[test]
    fn hundred_thousand_deep_document_is_refused_without_overflow() {
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        assert!(matches!(
            parse_bounded(deep.as_bytes()),
            Err(FetchError::TooDeep { limit }) if limit == MAX_JSON_DEPTH
        ));
        let unbalanced = "{\"a\":".repeat(100_000);
        assert!(matches!(
            parse_bounded(unbalanced.as_bytes()),
            Err(FetchError::TooDeep { .. })
        ));
        assert!(matches!(
            parse_bounded(b"not json"),
            Err(FetchError::NotJson(_))
        ));
    }
}

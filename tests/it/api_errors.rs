//! Errors under `/api` and at the inboxes are JSON `{"error": "..."}` whoever makes them: a
//! handler, an extractor, the router (405 with `Allow`) or the body limit (413, also for a
//! chunked body, which has no length to refuse up front).

use crate::common::coop::member;
use crate::common::network::Instance;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

const LIMIT: usize = 2048;

async fn limited() -> (Instance, String) {
    let instance = Instance::start_configured("alpha.test", |config| {
        config.limits.request_body_bytes = LIMIT;
    })
    .await;
    let token = member(&instance, "alice").await;
    (instance, token)
}

/// The status, headers (lower case) and body of a raw HTTP/1.1 exchange.
async fn raw(instance: &Instance, request: &[u8]) -> (u16, String, String) {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", instance.port))
        .await
        .expect("connects");
    stream.write_all(request).await.expect("writes");
    let mut answer = Vec::new();
    // The server closes after answering (`Connection: close`), or after refusing the body.
    let _ = stream.read_to_end(&mut answer).await;
    let text = String::from_utf8_lossy(&answer).into_owned();
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|code| code.parse().ok())
        .unwrap_or(0);
    (status, head.to_lowercase(), body.to_owned())
}

/// The JSON error message of a body, which may be chunk-encoded.
fn error_of(head: &str, body: &str) -> String {
    let json = if head.contains("transfer-encoding: chunked") {
        body.split("\r\n").nth(1).unwrap_or_default()
    } else {
        body
    };
    let parsed: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{e}: {body}"));
    parsed["error"]
        .as_str()
        .expect("an error message")
        .to_owned()
}

#[tokio::test]
async fn a_body_over_the_limit_is_a_json_413_with_or_without_a_length() {
    let (alpha, token) = limited().await;
    let big = format!("{{\"content\": \"{}\"}}", "x".repeat(LIMIT * 2));
    let response = reqwest::Client::new()
        .post(format!(
            "http://127.0.0.1:{}/api/v1/orgs/nobody/notes",
            alpha.port
        ))
        .bearer_auth(&token)
        .header("content-type", "application/json")
        .body(big.clone())
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 413);
    let json: Value = response.json().await.expect("a JSON error");
    assert!(
        json["error"]
            .as_str()
            .is_some_and(|m| m.contains("2048 bytes")),
        "{json}"
    );

    // The same body in chunks: the limit is only met while reading it.
    for path in ["/api/v1/orgs/nobody/notes", "/inbox"] {
        let mut request = format!(
            "POST {path} HTTP/1.1\r\nHost: alpha.test\r\nAuthorization: Bearer {token}\r\n\
             Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\
             Connection: close\r\n\r\n"
        )
        .into_bytes();
        for chunk in big.as_bytes().chunks(1000) {
            request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
            request.extend_from_slice(chunk);
            request.extend_from_slice(b"\r\n");
        }
        request.extend_from_slice(b"0\r\n\r\n");
        let (status, head, body) = raw(&alpha, &request).await;
        assert_eq!(status, 413, "{path}: {head}\n{body}");
        assert!(head.contains("content-type: application/json"), "{head}");
        assert!(!error_of(&head, &body).is_empty());
    }
}

#[tokio::test]
async fn a_wrong_method_is_a_json_405_naming_the_allowed_ones() {
    let (alpha, token) = limited().await;
    let response = reqwest::Client::new()
        .delete(format!("http://127.0.0.1:{}/api/v1/me", alpha.port))
        .bearer_auth(&token)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 405);
    let allow = response
        .headers()
        .get("allow")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    assert!(allow.contains("GET"), "Allow: {allow:?}");
    let json: Value = response.json().await.expect("a JSON error");
    let message = json["error"].as_str().unwrap_or_default();
    assert!(
        message.contains("DELETE") && message.contains("GET"),
        "{message}"
    );

    // A bad query string is an extractor's refusal: JSON too, with its explanation.
    let response = reqwest::Client::new()
        .get(format!(
            "http://127.0.0.1:{}/api/v1/participations?limit=many",
            alpha.port
        ))
        .bearer_auth(&token)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 400);
    let json: Value = response.json().await.expect("a JSON error");
    assert!(
        json["error"].as_str().is_some_and(|m| m.contains("limit")),
        "{json}"
    );
}

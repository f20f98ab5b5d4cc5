//! Fetch tests against scripted servers on 127.0.0.1: identity (T10), content type (T11),
//! redirects (T13), address refusals (T25) and hostile bodies (T27).

use super::{ACCEPT_ACTIVITY_JSON, FetchError, FetchedDocument, SignRequest, fetch_activity_json};
use crate::federation::egress::body::MAX_JSON_BYTES;
use crate::federation::egress::client::{ClientSettings, StaticLookup, build_client_with};
use crate::federation::egress::policy::{EgressError, EgressPolicy};
use crate::federation::egress::test_server::{Received, Reply, Sentinel, TestServer};
use serde_json::json;
use std::net::{IpAddr, Ipv4Addr};
use std::sync::Arc;
use std::time::{Duration, Instant};
use url::Url;

const LOOPBACK: IpAddr = IpAddr::V4(Ipv4Addr::LOCALHOST);

fn development() -> EgressPolicy {
    EgressPolicy {
        allow_plain_http: true,
        allow_private_addresses: true,
        allowed_private_hosts: Vec::new(),
    }
}

/// Private addresses refused except for `remote.test`, which the lookup maps to loopback.
fn guarded() -> EgressPolicy {
    EgressPolicy {
        allow_private_addresses: false,
        allowed_private_hosts: vec!["remote.test".into()],
        ..development()
    }
}

fn client_with_timeout(policy: &EgressPolicy, total: Duration) -> reqwest::Client {
    let lookup = StaticLookup::new()
        .with("remote.test", &[LOOPBACK])
        .with("victim.test", &[LOOPBACK])
        .with("evil.test", &[LOOPBACK]);
    let settings = ClientSettings {
        connect_timeout: Duration::from_secs(2),
        total_timeout: total,
        lookup: Arc::new(lookup),
    };
    build_client_with(policy, "solidarity-test", settings).expect("client")
}

fn client(policy: &EgressPolicy) -> reqwest::Client {
    client_with_timeout(policy, Duration::from_secs(5))
}

fn at(server: &TestServer, path: &str) -> Url {
    Url::parse(&format!("http://127.0.0.1:{}{path}", server.addr.port())).expect("url")
}

fn named(host: &str, server: &TestServer, path: &str) -> Url {
    Url::parse(&format!("http://{host}:{}{path}", server.addr.port())).expect("url")
}

/// Serves `{ "id": <own URL> }` at every path.
fn self_describing(request: &Received) -> Reply {
    Reply::activity(&json!({ "id": format!("{}{}", request.origin(), request.path) }))
}

async fn fetch_dev(url: &Url) -> Result<FetchedDocument, FetchError> {
    let policy = development();
    fetch_activity_json(&client(&policy), &policy, url, None).await
}

#[tokio::test]
async fn fetches_a_document_whose_id_is_its_url_and_signs_it() {
    let server = TestServer::start(self_describing).await;
    let url = at(&server, "/actors/alice");
    let sign: &SignRequest = &|request: &mut reqwest::Request| {
        let value = reqwest::header::HeaderValue::from_static("test-signature");
        request.headers_mut().insert("signature", value);
        Ok(())
    };
    let policy = development();
    let document = fetch_activity_json(&client(&policy), &policy, &url, Some(sign))
        .await
        .expect("fetch");
    assert_eq!(document.final_url, url);
    assert_eq!(document.json["id"], url.as_str());
    let request = &server.requests()[0];
    assert_eq!(request.header("accept"), Some(ACCEPT_ACTIVITY_JSON));
    assert_eq!(request.header("signature"), Some("test-signature"));
}

#[tokio::test]
async fn signing_failure_sends_nothing() {
    let server = TestServer::start(self_describing).await;
    let sign: &SignRequest = &|_: &mut reqwest::Request| Err("no instance key".to_owned());
    let policy = development();
    let result =
        fetch_activity_json(&client(&policy), &policy, &at(&server, "/o"), Some(sign)).await;
    assert!(matches!(result, Err(FetchError::Sign(m)) if m == "no instance key"));
    assert_eq!(server.connections(), 0);
}

#[tokio::test]
async fn t10_cross_host_id_refused() {
    let server = TestServer::start(|_: &Received| {
        Reply::activity(&json!({ "id": "https://victim.test/users/alice", "type": "Person" }))
    })
    .await;
    let result = fetch_dev(&at(&server, "/o/1")).await;
    assert!(
        matches!(result, Err(FetchError::IdMismatch { id, .. }) if id == "https://victim.test/users/alice")
    );
    assert_eq!(server.paths(), vec!["/o/1"]);
}

#[tokio::test]
async fn t10_same_host_id_is_refetched_once_and_must_match() {
    let server = TestServer::start(|request: &Received| match request.path.as_str() {
        "/o/1" => Reply::activity(&json!({ "id": format!("{}/o/2", request.origin()) })),
        _ => self_describing(request),
    })
    .await;
    let document = fetch_dev(&at(&server, "/o/1")).await.expect("refetched");
    assert_eq!(document.final_url, at(&server, "/o/2"));
    assert_eq!(server.paths(), vec!["/o/1", "/o/2"]);

    // A second hop that again names another id is refused, not followed.
    let server = TestServer::start(|request: &Received| {
        let next: u32 = request.path.trim_start_matches("/o/").parse().unwrap_or(0) + 1;
        Reply::activity(&json!({ "id": format!("{}/o/{next}", request.origin()) }))
    })
    .await;
    let result = fetch_dev(&at(&server, "/o/1")).await;
    assert!(matches!(result, Err(FetchError::IdMismatch { .. })));
    assert_eq!(server.paths(), vec!["/o/1", "/o/2"]);
}

#[tokio::test]
async fn t10_missing_or_malformed_id_refused() {
    for body in [json!({ "type": "Note" }), json!({ "id": 7 }), json!(["id"])] {
        let server = TestServer::start(move |_: &Received| Reply::activity(&body)).await;
        let result = fetch_dev(&at(&server, "/o/1")).await;
        assert!(matches!(result, Err(FetchError::NoId)), "{result:?}");
    }
    let server =
        TestServer::start(|_: &Received| Reply::activity(&json!({ "id": "not a url" }))).await;
    let result = fetch_dev(&at(&server, "/o/1")).await;
    assert!(matches!(result, Err(FetchError::IdMismatch { .. })));
}

#[tokio::test]
async fn t11_content_type_enforced() {
    for (content_type, accepted) in [
        (Some("text/html"), false),
        (Some("application/json"), false),
        (Some("image/png"), false),
        (None, false),
        (Some("Application/Activity+JSON; charset=utf-8"), true),
        (
            Some("application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\""),
            true,
        ),
    ] {
        let server = TestServer::start(move |request: &Received| {
            let id = format!("{}{}", request.origin(), request.path);
            Reply::json(content_type, &json!({ "id": id, "type": "Person" }))
        })
        .await;
        let result = fetch_dev(&at(&server, "/actors/alice")).await;
        match result {
            Ok(_) => assert!(accepted, "{content_type:?} must be refused"),
            Err(FetchError::ContentType(seen)) => {
                assert!(!accepted, "{content_type:?} must be accepted");
                assert_eq!(seen.as_deref(), content_type);
            }
            Err(other) => panic!("{content_type:?}: unexpected {other}"),
        }
    }
}

#[tokio::test]
async fn non_200_statuses_refused() {
    for status in [201, 204, 304, 404, 410, 500] {
        let server = TestServer::start(move |_: &Received| Reply::status(status)).await;
        let result = fetch_dev(&at(&server, "/o/1")).await;
        assert!(
            matches!(result, Err(FetchError::Status(s)) if s == status),
            "{status}"
        );
    }
}

#[tokio::test]
async fn t13_one_same_origin_redirect_is_followed() {
    let server = TestServer::start(|request: &Received| match request.path.as_str() {
        "/@alice" => Reply::redirect(301, "/actors/alice"),
        _ => self_describing(request),
    })
    .await;
    let document = fetch_dev(&at(&server, "/@alice")).await.expect("fetch");
    assert_eq!(document.final_url, at(&server, "/actors/alice"));
    assert_eq!(server.paths(), vec!["/@alice", "/actors/alice"]);
}

#[tokio::test]
async fn t13_cross_origin_redirect_refused() {
    let evil = TestServer::start(|_: &Received| {
        Reply::activity(&json!({ "id": "http://victim.test/users/alice" }))
    })
    .await;
    let target = named("evil.test", &evil, "/x");
    let victim = TestServer::start(move |_: &Received| Reply::redirect(302, target.as_str())).await;
    let result = fetch_dev(&named("victim.test", &victim, "/r")).await;
    assert!(
        matches!(result, Err(FetchError::CrossOriginRedirect { .. })),
        "{result:?}"
    );
    assert_eq!(evil.connections(), 0);
}

#[tokio::test]
async fn t13_two_hop_chain_refused() {
    let server = TestServer::start(|request: &Received| match request.path.as_str() {
        "/a" => Reply::redirect(307, "/b"),
        "/b" => Reply::redirect(308, "/c"),
        _ => self_describing(request),
    })
    .await;
    let result = fetch_dev(&at(&server, "/a")).await;
    assert!(matches!(result, Err(FetchError::TooManyRedirects { .. })));
    assert_eq!(server.paths(), vec!["/a", "/b"]);
}

#[tokio::test]
async fn t13_redirect_to_private_address_refused_before_connecting() {
    let sentinel = Sentinel::start().await;
    let port = sentinel.port();
    let server = TestServer::start(move |request: &Received| match request.path.as_str() {
        "/loopback" => Reply::redirect(302, &format!("http://127.0.0.1:{port}/")),
        "/localhost" => Reply::redirect(302, &format!("http://localhost:{port}/")),
        _ => Reply::status(302), // no Location header
    })
    .await;
    let policy = guarded();
    let client = client(&policy);
    let fetch = |path: &str| {
        let url = named("remote.test", &server, path);
        let (client, policy) = (client.clone(), policy.clone());
        async move { fetch_activity_json(&client, &policy, &url, None).await }
    };
    let loopback = fetch("/loopback").await;
    assert!(
        matches!(
            loopback,
            Err(FetchError::Egress(EgressError::ForbiddenAddress(_)))
        ),
        "{loopback:?}"
    );
    let localhost = fetch("/localhost").await;
    assert!(
        matches!(
            localhost,
            Err(FetchError::Egress(EgressError::LocalName(_)))
        ),
        "{localhost:?}"
    );
    let missing = fetch("/none").await;
    assert!(
        matches!(missing, Err(FetchError::BadRedirect { .. })),
        "{missing:?}"
    );
    sentinel.assert_untouched().await;
}

#[tokio::test]
async fn t25_every_address_form_refused_with_zero_connections() {
    let sentinel = Sentinel::start().await;
    let policy = EgressPolicy {
        allowed_private_hosts: Vec::new(),
        ..guarded()
    };
    let client = client(&policy);
    let hosts = [
        "127.0.0.1",
        "127.1",
        "2130706433",
        "0x7f000001",
        "0.0.0.0",
        "[::]",
        "[::1]",
        "10.0.0.1",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "100.64.0.1",
        "198.18.0.1",
        "240.0.0.1",
        "[::ffff:127.0.0.1]",
        "[::127.0.0.1]",
        "[64:ff9b::7f00:1]",
        "[2002:7f00:1::]",
        "[fd00::1]",
        "[fe80::1]",
        "localhost",
        "localhost.",
        "remote.test", // resolves to loopback and is not allow-listed here
    ];
    for host in hosts {
        let url = Url::parse(&format!("http://{host}:{}/actor", sentinel.port())).expect("url");
        let result = fetch_activity_json(&client, &policy, &url, None).await;
        assert!(
            matches!(result, Err(FetchError::Egress(_))),
            "{host}: {result:?}"
        );
    }
    sentinel.assert_untouched().await;
}

#[tokio::test]
async fn t27_declared_huge_body_refused_before_reading() {
    let server = TestServer::start(|_: &Received| Reply::Declared {
        length: 50 * 1024 * 1024,
    })
    .await;
    let result = fetch_dev(&at(&server, "/big")).await;
    assert!(matches!(result, Err(FetchError::TooLarge { limit }) if limit == MAX_JSON_BYTES));
}

#[tokio::test]
async fn t27_undeclared_and_endless_bodies_cut_at_the_cap() {
    let until_close = TestServer::start(|_: &Received| Reply::UntilClose {
        length: 2 * MAX_JSON_BYTES,
    })
    .await;
    let result = fetch_dev(&at(&until_close, "/big")).await;
    assert!(
        matches!(result, Err(FetchError::TooLarge { .. })),
        "{result:?}"
    );

    let endless = TestServer::start(|_: &Received| Reply::Endless).await;
    let result = fetch_dev(&at(&endless, "/stream")).await;
    assert!(
        matches!(result, Err(FetchError::TooLarge { .. })),
        "{result:?}"
    );
}

#[tokio::test]
async fn t27_body_exactly_at_the_cap_is_read() {
    let server = TestServer::start(|request: &Received| {
        let mut body = json!({ "id": format!("{}{}", request.origin(), request.path) }).to_string();
        body.push_str(&" ".repeat(MAX_JSON_BYTES - body.len()));
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), "application/activity+json".into())],
            body: body.into_bytes(),
        }
    })
    .await;
    assert!(fetch_dev(&at(&server, "/o")).await.is_ok());
}

#[tokio::test]
async fn t27_slow_body_hits_the_total_timeout() {
    let server = TestServer::start(|_: &Received| Reply::Trickle {
        every: Duration::from_secs(1),
    })
    .await;
    let policy = development();
    let client = client_with_timeout(&policy, Duration::from_millis(300));
    let started = Instant::now();
    let result = fetch_activity_json(&client, &policy, &at(&server, "/slow"), None).await;
    assert!(matches!(result, Err(FetchError::Timeout(_))), "{result:?}");
    assert!(started.elapsed() < Duration::from_secs(3));
}

#[tokio::test]
async fn deep_or_invalid_json_refused() {
    let server = TestServer::start(|request: &Received| {
        let body = match request.path.as_str() {
            "/deep" => format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)),
            _ => "<html>not json</html>".to_owned(),
        };
        Reply::Full {
            status: 200,
            headers: vec![("Content-Type".into(), "application/activity+json".into())],
            body: body.into_bytes(),
        }
    })
    .await;
    assert!(matches!(
        fetch_dev(&at(&server, "/deep")).await,
        Err(FetchError::TooDeep { .. })
    ));
    assert!(matches!(
        fetch_dev(&at(&server, "/html")).await,
        Err(FetchError::NotJson(_))
    ));
}

#[test]
fn passing_trouble_and_our_own_faults_are_retried_the_documents_answer_is_final() {
    for status in [401, 408, 429, 500, 503] {
        assert!(FetchError::Status(status).is_transient(), "{status}");
    }
    assert!(FetchError::Sign("no key".to_owned()).is_transient());
    for status in [400, 403, 404, 410, 451] {
        assert!(!FetchError::Status(status).is_transient(), "{status}");
    }
    assert!(!FetchError::NoId.is_transient());
}

//! Actors and discovery as a remote server sees them: WebFinger, actor documents, NodeInfo,
//! host-meta, and every id an actor document links to.

use crate::common::{Answer, TestDb, get, get_accepting, instance, send};
use axum::http::StatusCode;
use serde_json::Value;
use solidarity::domain::{Handle, Password};
use solidarity::federation::keys::PublicKey;
use solidarity::service::actors::ensure_instance_actor;
use solidarity::service::orgs::{NewOrganizationRequest, create_organization};
use solidarity::service::users::{NewUserRequest, create_user};
use solidarity::state::AppState;

const AP: &str = "application/activity+json";
const LD: &str = "application/ld+json; profile=\"https://www.w3.org/ns/activitystreams\"";

/// An instance with user alice, organization climate_now and the instance actor.
async fn populated(db: &TestDb) -> AppState {
    let state = instance(db).await;
    create_user(
        &state.store,
        NewUserRequest {
            handle: Handle::parse("alice").expect("valid"),
            display_name: Some("Alice".to_owned()),
            password: Password::parse("correct horse battery").expect("valid"),
            is_admin: false,
        },
    )
    .await
    .expect("user");
    create_organization(
        &state.store,
        NewOrganizationRequest {
            handle: Handle::parse("climate_now").expect("valid"),
            name: "Climate Now".to_owned(),
            summary: "Organising for a livable planet.".to_owned(),
            owner: Handle::parse("alice").expect("valid"),
        },
    )
    .await
    .expect("org");
    ensure_instance_actor(&state.store)
        .await
        .expect("instance actor");
    state
}

fn json(answer: &Answer) -> Value {
    serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("JSON ({e}): {}", answer.body))
}

/// The path of one of our URLs, for a `oneshot` request.
fn path_of(url: &str) -> String {
    url.strip_prefix("http://localhost:8080")
        .unwrap_or(url)
        .to_owned()
}

#[tokio::test]
async fn webfinger_finds_organizations_people_and_the_instance_actor() {
    let db = TestDb::new().await;
    let state = populated(&db).await;
    for (resource, id) in [
        (
            "acct:climate_now@localhost:8080",
            "http://localhost:8080/actors/climate_now",
        ),
        (
            "acct:Alice@LOCALHOST:8080",
            "http://localhost:8080/actors/alice",
        ),
        (
            "http://localhost:8080/actors/alice",
            "http://localhost:8080/actors/alice",
        ),
        (
            "http://localhost:8080/@climate_now",
            "http://localhost:8080/actors/climate_now",
        ),
        (
            "acct:instance@localhost:8080",
            "http://localhost:8080/actors/instance",
        ),
    ] {
        let uri = format!("/.well-known/webfinger?resource={}", urlencode(resource));
        let answer = send(&state, get(&uri)).await;
        assert_eq!(answer.status, StatusCode::OK, "{resource}: {}", answer.body);
        assert_eq!(answer.content_type, "application/jrd+json");
        let jrd = json(&answer);
        let subject = jrd["subject"].as_str().expect("subject");
        assert!(
            subject.starts_with("acct:") && subject.ends_with("@localhost:8080"),
            "{subject}"
        );
        let own = jrd["links"]
            .as_array()
            .expect("links")
            .iter()
            .find(|link| link["rel"] == "self")
            .expect("a self link");
        assert_eq!(own["type"], AP);
        assert_eq!(own["href"], id, "{resource}");
    }
}

#[tokio::test]
async fn a_persons_webfinger_says_where_they_follow_accounts_seen_elsewhere() {
    let db = TestDb::new().await;
    let state = populated(&db).await;
    let template_of = |jrd: &serde_json::Value, rel: &str| {
        jrd["links"]
            .as_array()
            .expect("links")
            .iter()
            .find(|link| link["rel"] == rel)
            .map(|link| link["template"].as_str().expect("a template").to_owned())
    };
    let alice = json(
        &send(
            &state,
            get("/.well-known/webfinger?resource=acct:alice@localhost:8080"),
        )
        .await,
    );
    assert_eq!(
        template_of(&alice, "https://w3id.org/fep/3b86/Follow").as_deref(),
        Some("http://localhost:8080/authorize_interaction?uri={object}")
    );
    assert_eq!(
        template_of(&alice, "https://w3id.org/fep/3b86/Join").as_deref(),
        Some("http://localhost:8080/authorize_interaction?uri={object}"),
        "people here sign actions and answer events seen on other servers' pages"
    );
    assert_eq!(
        template_of(&alice, "http://ostatus.org/schema/1.0/subscribe").as_deref(),
        Some("http://localhost:8080/authorize_interaction?uri={uri}")
    );
    let org = json(
        &send(
            &state,
            get("/.well-known/webfinger?resource=acct:climate_now@localhost:8080"),
        )
        .await,
    );
    assert_eq!(
        template_of(&org, "https://w3id.org/fep/3b86/Follow"),
        None,
        "an organization follows nobody from a browser"
    );
}

#[tokio::test]
async fn webfinger_refuses_what_is_not_ours() {
    let db = TestDb::new().await;
    let state = populated(&db).await;
    let missing = send(&state, get("/.well-known/webfinger")).await;
    assert_eq!(missing.status, StatusCode::BAD_REQUEST);
    for resource in [
        "acct:nobody@localhost:8080",
        "acct:alice@other.example",
        "https://other.example/actors/alice",
        "acct:alice",
        "acct:bad handle@localhost:8080",
    ] {
        let uri = format!("/.well-known/webfinger?resource={}", urlencode(resource));
        let answer = send(&state, get(&uri)).await;
        assert_eq!(answer.status, StatusCode::NOT_FOUND, "{resource}");
    }
}

#[tokio::test]
async fn actor_documents_are_what_mastodon_needs_to_follow_and_verify() {
    let db = TestDb::new().await;
    let state = populated(&db).await;
    for (handle, kind, accept) in [
        ("climate_now", "Group", AP),
        ("alice", "Person", LD),
        ("instance", "Application", AP),
    ] {
        let answer = send(&state, get_accepting(&format!("/actors/{handle}"), accept)).await;
        assert_eq!(answer.status, StatusCode::OK, "{handle}: {}", answer.body);
        assert_eq!(answer.content_type, AP);
        let actor = json(&answer);
        let id = format!("http://localhost:8080/actors/{handle}");
        assert_eq!(actor["id"], id);
        assert_eq!(actor["type"], kind);
        assert_eq!(actor["preferredUsername"], handle);
        let context = actor["@context"].as_array().expect("context array");
        assert!(context.contains(&Value::from("https://www.w3.org/ns/activitystreams")));
        assert!(context.contains(&Value::from("https://w3id.org/security/v1")));
        assert_eq!(actor["publicKey"]["owner"], id);
        assert_eq!(actor["publicKey"]["id"], format!("{id}#main-key"));
        let pem = actor["publicKey"]["publicKeyPem"].as_str().expect("a PEM");
        PublicKey::from_pem(pem).expect("an RSA key we can verify with");
        assert_eq!(
            actor["endpoints"]["sharedInbox"],
            "http://localhost:8080/inbox"
        );
        assert!(
            actor["inbox"]
                .as_str()
                .is_some_and(|inbox| inbox.starts_with(&id))
        );
    }
    let org = json(&send(&state, get_accepting("/actors/climate_now", AP)).await);
    assert_eq!(org["name"], "Climate Now");
    assert_eq!(org["summary"], "Organising for a livable planet.");
    assert_eq!(org["url"], "http://localhost:8080/@climate_now");
    assert_eq!(org["manuallyApprovesFollowers"], false);
    assert_eq!(
        org["featured"],
        "http://localhost:8080/actors/climate_now/featured"
    );
}

#[tokio::test]
async fn every_collection_an_actor_links_to_dereferences() {
    let db = TestDb::new().await;
    let state = populated(&db).await;
    for handle in ["climate_now", "alice", "instance"] {
        let actor = json(&send(&state, get_accepting(&format!("/actors/{handle}"), AP)).await);
        for field in ["outbox", "followers", "following", "featured"] {
            let Some(url) = actor[field].as_str() else {
                continue;
            };
            let answer = send(&state, get_accepting(&path_of(url), AP)).await;
            assert_eq!(answer.status, StatusCode::OK, "{handle} {field}");
            let collection = json(&answer);
            assert_eq!(collection["id"], url);
            assert_eq!(collection["type"], "OrderedCollection");
        }
    }
    let unknown = send(&state, get_accepting("/actors/alice/featured", AP)).await;
    assert_eq!(
        unknown.status,
        StatusCode::NOT_FOUND,
        "people have no featured collection"
    );
    let unknown = send(&state, get_accepting("/actors/alice/secrets", AP)).await;
    assert_eq!(unknown.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn browsers_are_sent_to_a_readable_profile() {
    let db = TestDb::new().await;
    let state = populated(&db).await;
    let redirect = send(&state, get_accepting("/actors/climate_now", "text/html")).await;
    assert_eq!(redirect.status, StatusCode::SEE_OTHER);
    assert_eq!(
        redirect.location.as_deref(),
        Some("http://localhost:8080/@climate_now")
    );
    let page = send(&state, get_accepting("/@climate_now", "text/html")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("Climate Now") && page.body.contains("@climate_now@localhost:8080"));
    let missing = send(&state, get_accepting("/@nobody", "text/html")).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    let missing = send(&state, get_accepting("/actors/nobody", AP)).await;
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.content_type.starts_with("application/json"));
}

#[tokio::test]
async fn the_instance_actor_is_created_once() {
    let db = TestDb::new().await;
    let state = instance(&db).await;
    let first = ensure_instance_actor(&state.store).await.expect("created");
    let again = ensure_instance_actor(&state.store).await.expect("found");
    assert_eq!(first, again, "the same actor and key after a restart");
}

#[tokio::test]
async fn nodeinfo_describes_the_instance_and_links_its_actor() {
    let db = TestDb::new().await;
    let state = populated(&db).await;
    let links = json(&send(&state, get("/.well-known/nodeinfo")).await);
    let links = links["links"].as_array().expect("links").clone();
    let href = |rel: &str| {
        links
            .iter()
            .find(|link| link["rel"] == rel)
            .and_then(|link| link["href"].as_str())
            .map(str::to_owned)
    };
    assert_eq!(
        href("https://www.w3.org/ns/activitystreams#Application").as_deref(),
        Some("http://localhost:8080/actors/instance")
    );
    for version in ["2.0", "2.1"] {
        let url = href(&format!(
            "http://nodeinfo.diaspora.software/ns/schema/{version}"
        ))
        .expect("a NodeInfo link");
        let answer = send(&state, get(&path_of(&url))).await;
        assert_eq!(answer.status, StatusCode::OK);
        assert!(
            answer.content_type.contains(&format!("schema/{version}#")),
            "{}",
            answer.content_type
        );
        let document = json(&answer);
        assert_eq!(document["version"], version);
        assert_eq!(document["software"]["name"], "solidarity");
        assert_eq!(document["protocols"][0], "activitypub");
        assert_eq!(document["usage"]["users"]["total"], 1);
        assert_eq!(document["metadata"]["nodeName"], "Solidarity");
    }
    assert_eq!(
        send(&state, get("/nodeinfo/9.9")).await.status,
        StatusCode::NOT_FOUND
    );
}

#[tokio::test]
async fn host_meta_points_at_webfinger() {
    let db = TestDb::new().await;
    let state = instance(&db).await;
    let answer = send(&state, get("/.well-known/host-meta")).await;
    assert_eq!(answer.status, StatusCode::OK);
    assert_eq!(answer.content_type, "application/xrd+xml");
    assert!(
        answer
            .body
            .contains("template=\"http://localhost:8080/.well-known/webfinger?resource={uri}\"")
    );
}

fn urlencode(text: &str) -> String {
    url::form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

/// A stand-in WebFinger server on `fake.test`: `good` answers correctly, the others lie.
async fn lying_webfinger() -> (u16, tokio::task::JoinHandle<()>) {
    use axum::extract::Query;
    use axum::response::IntoResponse;
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
        .await
        .expect("bind");
    let port = listener.local_addr().expect("address").port();
    let handler = move |Query(query): Query<std::collections::HashMap<String, String>>| async move {
        let resource = query.get("resource").cloned().unwrap_or_default();
        let name = resource
            .trim_start_matches("acct:")
            .split('@')
            .next()
            .unwrap_or_default()
            .to_owned();
        let own = format!("http://fake.test:{port}/users/{name}");
        let (subject, href, content_type) = match name.as_str() {
            "mismatch" => (
                format!("acct:someone_else@fake.test:{port}"),
                own,
                "application/jrd+json",
            ),
            "elsewhere" => (
                resource.clone(),
                "http://beta.test:1/actors/victim".to_owned(),
                "application/jrd+json",
            ),
            "html" => (resource.clone(), own, "text/html"),
            _ => (resource.clone(), own, "application/jrd+json"),
        };
        let body = serde_json::json!({
            "subject": subject,
            "links": [{ "rel": "self", "type": "application/activity+json", "href": href }],
        });
        (
            [(axum::http::header::CONTENT_TYPE, content_type)],
            body.to_string(),
        )
            .into_response()
    };
    let app = axum::Router::new().route("/.well-known/webfinger", axum::routing::get(handler));
    let server = tokio::spawn(async move {
        let _ = axum::serve(listener, app).await;
    });
    (port, server)
}

#[tokio::test]
async fn webfinger_answers_are_bound_to_the_requested_account_and_host() {
    let alpha = crate::common::network::Instance::start("alpha.test").await;
    let (port, _server) = lying_webfinger().await;
    let federation = &alpha.state.federation;
    let good = federation
        .webfinger(&format!("good@fake.test:{port}"))
        .await
        .expect("resolved");
    assert_eq!(good.as_str(), format!("http://fake.test:{port}/users/good"));
    for liar in ["mismatch", "elsewhere", "html"] {
        let answer = federation
            .webfinger(&format!("{liar}@fake.test:{port}"))
            .await;
        assert!(answer.is_err(), "{liar} must not resolve: {answer:?}");
    }
    for malformed in ["no-at-sign", "@fake.test", "a@b/c"] {
        assert!(
            federation.webfinger(malformed).await.is_err(),
            "{malformed}"
        );
    }
}

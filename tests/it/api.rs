//! The JSON API as a client uses it: publishing notes, errors as JSON naming the field, and the
//! OpenAPI document.

use crate::common::seed;
use crate::common::{Answer, TestDb, get, get_accepting, instance, send};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use serde_json::{Value, json};
use solidarity::state::AppState;

const AP: &str = "application/activity+json";

/// An instance with organization climate_now owned by alice; returns alice's and bob's tokens.
async fn setup(db: &TestDb) -> (AppState, String, String) {
    let state = instance(db).await;
    for name in ["alice", "bob"] {
        seed::user(&state.store, name).await;
    }
    seed::organization(&state.store, "climate_now", "alice").await;
    let alice = seed::token(&state.store, "alice").await;
    let bob = seed::token(&state.store, "bob").await;
    (state, alice, bob)
}

fn authed(method: &str, uri: &str, token: &str, body: Option<Value>) -> Request<Body> {
    let builder = Request::builder()
        .method(method)
        .uri(uri)
        .header(header::AUTHORIZATION, format!("Bearer {token}"));
    match body {
        Some(body) => builder
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from(body.to_string())),
        None => builder.body(Body::empty()),
    }
    .expect("valid request")
}

fn json(answer: &Answer) -> Value {
    serde_json::from_str(&answer.body).unwrap_or_else(|e| panic!("JSON ({e}): {}", answer.body))
}

fn path_of(url: &str) -> String {
    url.strip_prefix("http://localhost:8080")
        .unwrap_or(url)
        .to_owned()
}

#[tokio::test]
async fn a_published_note_dereferences_and_can_be_edited_and_deleted() {
    let db = TestDb::new().await;
    let (state, alice, _) = setup(&db).await;
    let published = send(
        &state,
        authed(
            "POST",
            "/api/v1/orgs/climate_now/notes",
            &alice,
            Some(json!({"content": "March on Saturday!\n<b>Bring</b> friends"})),
        ),
    )
    .await;
    assert_eq!(published.status, StatusCode::CREATED, "{}", published.body);
    let note = json(&published);
    let ap_id = note["ap_id"].as_str().expect("an id").to_owned();
    assert_eq!(
        note["content_html"],
        "<p>March on Saturday!<br>&lt;b&gt;Bring&lt;/b&gt; friends</p>"
    );

    let document = json(&send(&state, get_accepting(&path_of(&ap_id), AP)).await);
    assert_eq!(document["type"], "Note");
    assert_eq!(document["id"], ap_id);
    assert_eq!(
        document["attributedTo"],
        "http://localhost:8080/actors/climate_now"
    );
    assert_eq!(
        document["to"][0],
        "https://www.w3.org/ns/activitystreams#Public"
    );
    let page = send(&state, get_accepting(&path_of(&ap_id), "text/html")).await;
    assert!(page.body.contains("March on Saturday!"));
    let outbox = json(&send(&state, get_accepting("/actors/climate_now/outbox", AP)).await);
    assert_eq!(outbox["totalItems"], 1);
    assert_eq!(outbox["orderedItems"][0]["type"], "Create");
    assert_eq!(outbox["orderedItems"][0]["object"]["id"], ap_id);
    let create_id = outbox["orderedItems"][0]["id"]
        .as_str()
        .expect("an activity id")
        .to_owned();
    let create = send(&state, get_accepting(&path_of(&create_id), AP)).await;
    assert_eq!(create.status, StatusCode::OK);
    assert_eq!(
        json(&create)["object"]["id"],
        ap_id,
        "the Create's id dereferences"
    );

    let id = note["id"].as_str().expect("id");
    let edited = send(
        &state,
        authed(
            "PUT",
            &format!("/api/v1/orgs/climate_now/notes/{id}"),
            &alice,
            Some(json!({"content": "March on Sunday!"})),
        ),
    )
    .await;
    assert_eq!(edited.status, StatusCode::OK, "{}", edited.body);
    let document = json(&send(&state, get_accepting(&path_of(&ap_id), AP)).await);
    assert_eq!(document["content"], "<p>March on Sunday!</p>");
    assert!(document["updated"].is_string());

    let deleted = send(
        &state,
        authed(
            "DELETE",
            &format!("/api/v1/orgs/climate_now/notes/{id}"),
            &alice,
            None,
        ),
    )
    .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT);
    let gone = send(&state, get_accepting(&path_of(&ap_id), AP)).await;
    assert_eq!(gone.status, StatusCode::GONE);
    assert_eq!(json(&gone)["type"], "Tombstone");
    let outbox = json(&send(&state, get_accepting("/actors/climate_now/outbox", AP)).await);
    assert_eq!(outbox["totalItems"], 0, "deleted notes leave the outbox");
    let create = send(&state, get_accepting(&path_of(&create_id), AP)).await;
    assert_eq!(
        create.status,
        StatusCode::NOT_FOUND,
        "the Create no longer serves the deleted text"
    );
    let nodeinfo = json(&send(&state, get("/nodeinfo/2.1")).await);
    assert_eq!(nodeinfo["usage"]["localPosts"], 0);
    let again = send(
        &state,
        authed(
            "DELETE",
            &format!("/api/v1/orgs/climate_now/notes/{id}"),
            &alice,
            None,
        ),
    )
    .await;
    assert_eq!(again.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn only_members_publish_and_bad_input_names_the_field() {
    let db = TestDb::new().await;
    let (state, alice, bob) = setup(&db).await;
    let outsider = send(
        &state,
        authed(
            "POST",
            "/api/v1/orgs/climate_now/notes",
            &bob,
            Some(json!({"content": "hello"})),
        ),
    )
    .await;
    assert_eq!(outsider.status, StatusCode::FORBIDDEN);
    assert!(
        json(&outsider)["error"]
            .as_str()
            .is_some_and(|m| m.contains("not a member"))
    );

    let cases = [
        (
            json!({"content": "   "}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "content",
        ),
        (
            json!({"content": "x".repeat(5001)}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "content",
        ),
        (
            json!({"text": "hello"}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "text",
        ),
        (
            json!({"content": 7}),
            StatusCode::UNPROCESSABLE_ENTITY,
            "content",
        ),
    ];
    for (body, status, field) in cases {
        let answer = send(
            &state,
            authed(
                "POST",
                "/api/v1/orgs/climate_now/notes",
                &alice,
                Some(body.clone()),
            ),
        )
        .await;
        assert_eq!(answer.status, status, "{body}: {}", answer.body);
        let message = json(&answer)["error"]
            .as_str()
            .unwrap_or_default()
            .to_owned();
        assert!(message.contains(field), "{message:?} names {field}");
    }
    let garbage = Request::post("/api/v1/orgs/climate_now/notes")
        .header(header::AUTHORIZATION, format!("Bearer {alice}"))
        .header(header::CONTENT_TYPE, "application/json")
        .body(Body::from("{not json"))
        .expect("valid request");
    assert_eq!(send(&state, garbage).await.status, StatusCode::BAD_REQUEST);
    let missing_org = send(
        &state,
        authed(
            "POST",
            "/api/v1/orgs/nobody/notes",
            &alice,
            Some(json!({"content": "x"})),
        ),
    )
    .await;
    assert_eq!(missing_org.status, StatusCode::NOT_FOUND);

    let followers = send(
        &state,
        authed("GET", "/api/v1/orgs/climate_now/followers", &alice, None),
    )
    .await;
    assert_eq!(followers.status, StatusCode::OK);
    assert_eq!(json(&followers)["total"], 0);
    let hidden = send(
        &state,
        authed("GET", "/api/v1/orgs/climate_now/followers", &bob, None),
    )
    .await;
    assert_eq!(
        hidden.status,
        StatusCode::FORBIDDEN,
        "followers are for members only"
    );
}

#[tokio::test]
async fn the_openapi_document_lists_every_endpoint() {
    let db = TestDb::new().await;
    let state = instance(&db).await;
    let answer = send(&state, get("/api/openapi.json")).await;
    assert_eq!(answer.status, StatusCode::OK);
    let document = json(&answer);
    assert!(
        document["openapi"]
            .as_str()
            .is_some_and(|v| v.starts_with('3'))
    );
    for path in [
        "/api/v1/me",
        "/api/v1/orgs/{handle}/notes",
        "/api/v1/orgs/{handle}/notes/{id}",
        "/api/v1/orgs/{handle}/followers",
        "/api/v1/timeline",
    ] {
        assert!(document["paths"][path].is_object(), "{path} is documented");
    }
    assert_eq!(
        document["components"]["securitySchemes"]["bearer"]["scheme"],
        "bearer"
    );
}

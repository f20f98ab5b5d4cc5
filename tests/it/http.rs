//! One instance answered through `oneshot`: health, home page, errors, limits, token auth.

use crate::common::{TestDb, config_for, get, instance, send};
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use solidarity::domain::{Handle, Password};
use solidarity::service::tokens;
use solidarity::service::users::{NewUserRequest, create_user};
use solidarity::state::AppState;

#[tokio::test]
async fn healthz_is_200_while_the_database_answers_and_503_after() {
    let db = TestDb::new().await;
    let state = instance(&db).await;
    let up = send(&state, get("/healthz")).await;
    assert_eq!(up.status, StatusCode::OK);

    state.store.close().await;
    let down = send(&state, get("/healthz")).await;
    assert_eq!(down.status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(down.body.contains("database"), "{}", down.body);
}

#[tokio::test]
async fn the_home_page_shows_the_instance_name_escaped() {
    let db = TestDb::new().await;
    let mut config = config_for(&db);
    config.instance.name = "Co-op <Nord> & Friends".to_owned();
    let state = AppState::new(config, db.store().await);
    let page = send(&state, get("/")).await;
    assert_eq!(page.status, StatusCode::OK);
    assert!(
        page.content_type.starts_with("text/html"),
        "{}",
        page.content_type
    );
    assert!(
        page.body
            .contains("<title>Co-op &#60;Nord&#62; &#38; Friends</title>"),
        "{}",
        page.body
    );
    assert!(!page.body.contains("<Nord>"));
}

#[tokio::test]
async fn unknown_paths_are_404_as_json_for_programs_and_html_for_browsers() {
    let db = TestDb::new().await;
    let state = instance(&db).await;
    let program = send(&state, get("/no/such/page")).await;
    assert_eq!(program.status, StatusCode::NOT_FOUND);
    assert!(program.content_type.starts_with("application/json"));
    let json: serde_json::Value = serde_json::from_str(&program.body).expect("JSON");
    assert!(json["error"].as_str().is_some_and(|m| !m.is_empty()));

    let browser = Request::get("/no/such/page")
        .header(header::ACCEPT, "text/html,application/xhtml+xml,*/*;q=0.8")
        .body(Body::empty())
        .expect("valid request");
    let page = send(&state, browser).await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(page.content_type.starts_with("text/html"));
    assert!(page.body.contains("404 Not found"), "{}", page.body);
}

#[tokio::test]
async fn bodies_over_the_limit_are_refused_with_413() {
    let db = TestDb::new().await;
    let mut config = config_for(&db);
    config.limits.request_body_bytes = 2048;
    let state = AppState::new(config, db.store().await);
    let request = Request::post("/api/v1/me")
        .header(header::CONTENT_LENGTH, "4096")
        .body(Body::from(vec![b'x'; 4096]))
        .expect("valid request");
    let answer = send(&state, request).await;
    assert_eq!(answer.status, StatusCode::PAYLOAD_TOO_LARGE);
}

#[tokio::test]
async fn the_api_knows_the_user_behind_a_token_and_refuses_others() {
    let db = TestDb::new().await;
    let state = instance(&db).await;
    let user = create_user(
        &state.store,
        NewUserRequest {
            handle: Handle::parse("alice").expect("valid"),
            display_name: Some("Alice Organiser".to_owned()),
            password: Password::parse("correct horse battery").expect("valid"),
            is_admin: false,
        },
    )
    .await
    .expect("created");
    let token = tokens::issue_token(&state.store, &user.handle)
        .await
        .expect("issued");

    let with_token = Request::get("/api/v1/me")
        .header(header::AUTHORIZATION, format!("Bearer {}", token.secret))
        .body(Body::empty())
        .expect("valid request");
    let me = send(&state, with_token).await;
    assert_eq!(me.status, StatusCode::OK, "{}", me.body);
    let json: serde_json::Value = serde_json::from_str(&me.body).expect("JSON");
    assert_eq!(json["handle"], "alice");
    assert_eq!(json["display_name"], "Alice Organiser");

    let anonymous = send(&state, get("/api/v1/me")).await;
    assert_eq!(anonymous.status, StatusCode::UNAUTHORIZED);
    assert!(anonymous.body.contains("Bearer"), "{}", anonymous.body);

    let forged = Request::get("/api/v1/me")
        .header(header::AUTHORIZATION, "Bearer sol_not-a-real-token")
        .body(Body::empty())
        .expect("valid request");
    assert_eq!(send(&state, forged).await.status, StatusCode::UNAUTHORIZED);
}

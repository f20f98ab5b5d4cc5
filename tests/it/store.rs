//! The store and the services on it, on SQLite and (with `TEST_POSTGRES_URL`) PostgreSQL.

use crate::common::TestDb;
use solidarity::config::{Backend, Config};
use solidarity::db::Store;
use solidarity::domain::{Domain, Handle, OrgRole, Password};
use solidarity::service::orgs::{NewOrganizationRequest, create_organization};
use solidarity::service::users::{NewUserRequest, create_user, verify_password};
use solidarity::service::{ServiceError, instance, tokens};
use solidarity::state::AppState;
use sqlx::AnyPool;

fn handle(text: &str) -> Handle {
    Handle::parse(text).expect("a valid handle")
}

fn new_user(name: &str, is_admin: bool) -> NewUserRequest {
    NewUserRequest {
        handle: handle(name),
        display_name: None,
        password: Password::parse("correct horse battery").expect("valid password"),
        is_admin,
    }
}

fn new_org(name: &str, owner: &str) -> NewOrganizationRequest {
    NewOrganizationRequest {
        handle: handle(name),
        name: "Climate Now".to_owned(),
        summary: "We organise.".to_owned(),
        owner: handle(owner),
    }
}

#[tokio::test]
async fn runs_on_the_backend_this_run_asked_for() {
    let db = TestDb::new().await;
    let store = db.store().await;
    assert_eq!(store.backend(), TestDb::expected_backend());
    // Migrating an up-to-date database is a no-op, as every start does it.
    store.migrate().await.expect("second migration run");
    assert!(instance::healthy(&app(&store)).await);
}

#[tokio::test]
async fn sqlite_databases_use_write_ahead_logging() {
    let db = TestDb::new().await;
    let store = db.store().await;
    if store.backend() != Backend::Sqlite {
        return; // a PostgreSQL run checks the PostgreSQL store; WAL is SQLite's
    }
    let pool = AnyPool::connect(db.url.expose()).await.expect("connect");
    let mode: String = sqlx::query_scalar("PRAGMA journal_mode")
        .fetch_one(&pool)
        .await
        .expect("pragma");
    assert_eq!(mode, "wal");
}

#[tokio::test]
async fn users_are_stored_with_an_argon2_hash_that_verifies() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let created = create_user(&store, new_user("Alice", true))
        .await
        .expect("created");
    assert_eq!(created.handle.as_str(), "alice");
    assert_eq!(created.display_name, "alice");

    let read = store.user_by_handle(&handle("alice")).await.expect("found");
    assert_eq!(read, created);
    assert!(read.is_admin);

    let hash = store
        .password_hash_of(&handle("alice"))
        .await
        .expect("hash");
    assert!(hash.starts_with("$argon2id$"), "{hash}");
    assert!(
        verify_password("correct horse battery".to_owned(), hash.clone())
            .await
            .expect("checked")
    );
    assert!(
        !verify_password("wrong horse battery".to_owned(), hash)
            .await
            .expect("checked")
    );
}

#[tokio::test]
async fn people_and_organizations_share_one_namespace_of_handles() {
    let db = TestDb::new().await;
    let store = db.store().await;
    create_user(&store, new_user("alice", false))
        .await
        .expect("created");

    let again = create_user(&store, new_user("ALICE", false)).await;
    assert!(
        matches!(again, Err(ServiceError::Conflict(ref m)) if m.contains("'alice' is already taken")),
        "{again:?}"
    );

    let org_named_like_user = create_organization(&store, new_org("alice", "alice")).await;
    assert!(
        matches!(org_named_like_user, Err(ServiceError::Conflict(_))),
        "{org_named_like_user:?}"
    );

    let org = create_organization(&store, new_org("climate_now", "alice"))
        .await
        .expect("created");
    let user_named_like_org = create_user(&store, new_user("climate_now", false)).await;
    assert!(matches!(
        user_named_like_org,
        Err(ServiceError::Conflict(_))
    ));

    // The refused attempts left nothing behind: the org is intact and alice owns it.
    let read = store
        .organization_by_handle(&handle("climate_now"))
        .await
        .expect("found");
    assert_eq!(read, org);
    let alice = store.user_by_handle(&handle("alice")).await.expect("found");
    assert_eq!(
        store
            .organization_role(org.id, alice.id)
            .await
            .expect("role"),
        Some(OrgRole::Owner)
    );
}

#[tokio::test]
async fn an_organization_needs_an_existing_owner_and_a_name() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let missing = create_organization(&store, new_org("climate_now", "nobody")).await;
    assert!(
        matches!(missing, Err(ServiceError::NotFound(ref m)) if m.contains("nobody")),
        "{missing:?}"
    );

    create_user(&store, new_user("alice", false))
        .await
        .expect("created");
    let mut blank = new_org("climate_now", "alice");
    blank.name = "   ".to_owned();
    let refused = create_organization(&store, blank).await;
    assert!(
        matches!(refused, Err(ServiceError::Invalid { field: "name", .. })),
        "{refused:?}"
    );
    assert!(
        store
            .organization_by_handle(&handle("climate_now"))
            .await
            .is_err(),
        "nothing stored"
    );
}

#[tokio::test]
async fn tokens_authenticate_their_user_and_only_their_hash_is_stored() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let alice = create_user(&store, new_user("alice", false))
        .await
        .expect("created");
    let first = tokens::issue_token(&store, &alice.handle)
        .await
        .expect("issued");
    let second = tokens::issue_token(&store, &alice.handle)
        .await
        .expect("issued");
    assert_ne!(first.secret, second.secret);
    assert!(first.secret.starts_with("sol_") && first.secret.len() > 40);
    assert_eq!(store.count_tokens(alice.id).await.expect("count"), 2);

    let user = tokens::authenticate(&app(&store), &first.secret)
        .await
        .expect("valid token");
    assert_eq!(user.id, alice.id);
    let forged = format!("{}x", first.secret);
    assert!(matches!(
        tokens::authenticate(&app(&store), &forged).await,
        Err(ServiceError::Unauthorized)
    ));
    assert!(matches!(
        tokens::authenticate(&app(&store), "").await,
        Err(ServiceError::Unauthorized)
    ));

    let pool = AnyPool::connect(db.url.expose()).await.expect("connect");
    let stored: Vec<String> = sqlx::query_scalar("SELECT token_hash FROM api_tokens")
        .fetch_all(&pool)
        .await
        .expect("read tokens");
    assert_eq!(stored.len(), 2);
    assert!(
        stored
            .iter()
            .all(|hash| hash != &first.secret && !hash.contains(&first.secret[4..]))
    );

    let nobody = tokens::issue_token(&store, &handle("nobody")).await;
    assert!(matches!(nobody, Err(ServiceError::NotFound(_))));
}

#[tokio::test]
async fn a_database_stays_bound_to_the_domain_it_first_served() {
    let db = TestDb::new().await;
    let store = db.store().await;
    let first = Domain::parse("coop.example").expect("valid");
    instance::claim_domain(&store, &first)
        .await
        .expect("first start");
    instance::claim_domain(&store, &first)
        .await
        .expect("restart with the same domain");
    let other = Domain::parse("other.example").expect("valid");
    let refused = instance::claim_domain(&store, &other).await;
    assert!(
        matches!(refused, Err(ServiceError::Invalid { field: "domain", ref message }) if message.contains("coop.example")),
        "{refused:?}"
    );
}

#[tokio::test]
async fn a_closed_store_is_reported_unhealthy() {
    let db = TestDb::new().await;
    let store = db.store().await;
    store.close().await;
    assert!(!instance::healthy(&app(&store)).await);
}

/// The service context over `store`, for the services that take one.
fn app(store: &Store) -> AppState {
    AppState::new(Config::defaults(), store.clone())
}

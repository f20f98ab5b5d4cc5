//! Signed GETs under `require_signed_fetch`: a signature that fails makes us refetch the
//! signer's key at most once a minute (whether that fetch works or not), so badly signed GETs
//! cannot make us fetch on demand, and a Mastodon-style key id costs one fetch of the actor
//! document, not two.

use crate::common::fake_remote::{FakeActor, FakeRemote};
use crate::common::network::Instance;
use axum::http::{HeaderMap, Method, StatusCode, header};
use solidarity::federation::keys::ActorKeyPair;
use solidarity::federation::signatures::sign_request_cavage;
use std::time::SystemTime;
use url::Url;

async fn signed_get(instance: &Instance, url: &Url, signer: &FakeActor) -> StatusCode {
    let mut headers = HeaderMap::new();
    headers.insert(
        header::ACCEPT,
        "application/activity+json".parse().expect("a value"),
    );
    sign_request_cavage(
        &Method::GET,
        url,
        &mut headers,
        None,
        &signer.key_id,
        &signer.key,
        SystemTime::now(),
    )
    .expect("signed");
    reqwest::Client::new()
        .get(format!("http://127.0.0.1:{}{}", instance.port, url.path()))
        .headers(headers)
        .send()
        .await
        .expect("answered")
        .status()
}

#[tokio::test]
async fn failing_get_signatures_do_not_make_us_fetch_on_demand() {
    let alpha = Instance::start_configured("alpha.test", |config| {
        config.federation.require_signed_fetch = true
    })
    .await;
    super::organization(&alpha).await;
    let url = Url::parse(&format!("{}/actors/climate_now", alpha.base())).expect("a URL");
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");

    assert_eq!(signed_get(&alpha, &url, &eve).await, StatusCode::OK);
    assert_eq!(
        fake.gets_of("/users/eve"),
        1,
        "one fetch of the actor document per new key"
    );

    // Signed with a key that is not eve's: refused, and her fresh document is not refetched.
    let mut forger = eve.clone();
    forger.key = ActorKeyPair::generate().expect("a key pair");
    for _ in 0..5 {
        assert_eq!(
            signed_get(&alpha, &url, &forger).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        fake.gets_of("/users/eve"),
        1,
        "no refetch while the stored key is fresh"
    );
    assert_eq!(signed_get(&alpha, &url, &eve).await, StatusCode::OK);

    // Once the stored copy is old a failing key is fetched again, but only once a minute, even
    // when that fetch fails (the actor's server answers 410 now).
    {
        use sqlx::Connection;
        let mut db = sqlx::AnyConnection::connect(alpha.db.url.expose())
            .await
            .expect("connect to the instance's database");
        sqlx::query("UPDATE remote_actors SET fetched_at = 0")
            .execute(&mut db)
            .await
            .expect("age the stored actor");
        db.close().await.ok();
        // Written as another process would: seen once the copy in memory is that old.
        tokio::time::sleep(solidarity::db::FRESH_FOR).await;
    }
    fake.set_gone("eve");
    for _ in 0..5 {
        assert_eq!(
            signed_get(&alpha, &url, &forger).await,
            StatusCode::UNAUTHORIZED
        );
    }
    assert_eq!(
        fake.gets_of("/users/eve"),
        2,
        "one refetch, though it failed"
    );
}

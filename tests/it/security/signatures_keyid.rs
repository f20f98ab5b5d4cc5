//! T08, the key id forms: an `acct:` key id (Discourse PR #327) names no key document, so it
//! cannot bind a key to the actor and is refused before any request goes out.

use super::{
    assert_refused_and_untouched, authority, expect_status, follow, followers, organization, post,
};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::Instance;
use url::Url;

#[tokio::test]
async fn t08_acct_key_ids_are_refused_without_egress() {
    let alpha = Instance::start("alpha.test").await;
    let org = organization(&alpha).await;
    let fake = FakeRemote::start(&["eve"]).await;
    let eve = fake.actor("eve");
    let mut acct = eve.clone();
    acct.key_id = Url::parse(&format!("acct:eve@{}", eve.id.authority())).expect("an acct URI");

    let activity = follow(&eve, &org.id, "acct");
    expect_status(
        &alpha,
        &acct.sign_cavage(&authority(&alpha), "/inbox", &activity),
        401,
    )
    .await;
    assert_eq!(fake.hits(), 0, "nothing was fetched for an acct: key id");
    assert_refused_and_untouched(&alpha, &activity).await;
    assert!(followers(&alpha, &org).await.is_empty());

    // The same actor signing with its real key id is believed.
    assert_eq!(
        post(&alpha, &eve, "/inbox", &follow(&eve, &org.id, "real")).await,
        202
    );
}

//! "My participations" (`GET /api/v1/participations`): every action the user took part in,
//! here and on other instances, newest first, a page at a time.

use crate::actions::{create, petition, show, sign};
use crate::common::coop::{api, host, member};
use crate::common::network::{Instance, settle};
use serde_json::{Value, json};
use solidarity::domain::Handle;

async fn mine(instance: &Instance, token: &str, query: &str) -> (Vec<Value>, Option<String>) {
    let response = reqwest::Client::new()
        .get(format!(
            "http://127.0.0.1:{}/api/v1/participations{query}",
            instance.port
        ))
        .bearer_auth(token)
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200);
    let next = response
        .headers()
        .get("link")
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    let list: Vec<Value> = response.json().await.expect("a JSON list");
    (list, next)
}

#[tokio::test]
async fn my_participations_list_local_and_remote_newest_first_in_pages() {
    let (alpha, alpha_owner) = host("alpha.test").await;
    let (beta, beta_owner) = host("beta.test").await;
    let ada = member(&alpha, "ada").await;
    let first = create(&alpha, &alpha_owner, petition(|_| {})).await;
    let elsewhere = create(&beta, &beta_owner, petition(|_| {})).await;
    let last = create(
        &alpha,
        &alpha_owner,
        petition(|p| p["title"] = json!("Later")),
    )
    .await;
    let id_of = |action: &Value| action["id"].as_str().expect("id").to_owned();

    let (status, _) = sign(
        &alpha,
        &ada,
        &id_of(&first),
        json!({"comment": "First!", "consent_to_contact": true}),
    )
    .await;
    assert_eq!(status, 201);
    let (status, body) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/participations",
        Some(&ada),
        Some(json!({"action": elsewhere["ap_id"]})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    settle(&[&alpha, &beta]).await;
    join_is_private(&alpha, &beta).await;
    // Through the generic endpoint, by the action's URL: 201 the first time, 200 after.
    let by_url = json!({"action": last["ap_id"]});
    let (status, body) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/participations",
        Some(&ada),
        Some(by_url.clone()),
    )
    .await;
    assert_eq!((status, &body["state"]), (201, &json!("counted")), "{body}");
    let (status, _) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/participations",
        Some(&ada),
        Some(by_url),
    )
    .await;
    assert_eq!(status, 200, "already counted");

    let (list, next) = mine(&alpha, &ada, "").await;
    let actions: Vec<&Value> = list.iter().map(|p| &p["action"]).collect();
    assert_eq!(
        actions,
        vec![&last["ap_id"], &elsewhere["ap_id"], &first["ap_id"]],
        "newest first, local and remote: {list:?}"
    );
    assert_eq!(list[0]["state"], "counted");
    assert_eq!(list[0]["remote"], false);
    assert_eq!(list[1]["state"], "accepted", "beta accepted the Join");
    assert_eq!(list[1]["remote"], true);
    assert_eq!(list[2]["comment"], "First!");
    assert_eq!(list[2]["consent_to_contact"], true);
    assert!(
        list[2]["created_at"]
            .as_str()
            .is_some_and(|t| t.contains('T'))
    );
    assert_eq!(next, None, "the whole list fits one page");

    let (page, next) = mine(&alpha, &ada, "?limit=2").await;
    assert_eq!(page.len(), 2);
    let next = next.expect("a full page links the next one");
    assert!(
        next.contains("offset=2") && next.contains("rel=\"next\""),
        "{next}"
    );
    let (rest, next) = mine(&alpha, &ada, "?limit=2&offset=2").await;
    assert_eq!(rest.len(), 1);
    assert_eq!(rest[0]["action"], first["ap_id"]);
    assert_eq!(next, None);

    // A deleted action leaves the list (its address answers 410).
    let (status, _) = api(
        &alpha,
        reqwest::Method::DELETE,
        &format!("/api/v1/orgs/climate_now/actions/{}", id_of(&first)),
        Some(&alpha_owner),
        None,
    )
    .await;
    assert_eq!(status, 204);
    let (list, _) = mine(&alpha, &ada, "").await;
    assert_eq!(list.len(), 2, "{list:?}");
    assert!(list.iter().all(|p| p["action"] != first["ap_id"]));

    // Another user sees only their own.
    let bo = member(&alpha, "bo").await;
    assert_eq!(mine(&alpha, &bo, "").await.0, Vec::<Value>::new());
}

/// Ada's Join (with her comment and consent) is served only to a signed fetch by its
/// addressee's server: 404 to anyone else who learns its id.
async fn join_is_private(alpha: &Instance, beta: &Instance) {
    let store = &alpha.state.store;
    let ada = store
        .user_by_handle(&Handle::parse("ada").expect("valid"))
        .await
        .expect("ada");
    let sent = store.sent_rsvps(ada.actor_id).await.expect("sent");
    let join = url::Url::parse(&sent[0].join_ap_id).expect("a URL");
    let anonymous = reqwest::Client::new()
        .get(join.as_str().replace("alpha.test", "127.0.0.1"))
        .header("accept", "application/activity+json")
        .send()
        .await
        .expect("answers");
    assert_eq!(anonymous.status(), 404);
    let fetched = beta.federation_fetch(&join).await;
    assert_eq!(fetched["type"], "Join");
}

#[tokio::test]
async fn a_deleted_account_takes_its_signature_elsewhere_with_it() {
    let (alpha, _) = host("alpha.test").await;
    let (beta, beta_owner) = host("beta.test").await;
    let ada = member(&alpha, "ada").await;
    let action = create(&beta, &beta_owner, petition(|_| {})).await;
    let (status, body) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/participations",
        Some(&ada),
        Some(json!({"action": action["ap_id"], "comment": "From alpha"})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    settle(&[&alpha, &beta]).await;
    let id = action["id"].as_str().expect("id");
    assert_eq!(show(&beta, id).await["progress"], 1);

    // Ada's account is deleted at home: beta hears of it (it holds her signature, though she
    // follows nobody there), checks that her actor is gone, and her signature goes.
    solidarity::service::users::delete_user(&alpha.state, &Handle::parse("ada").expect("valid"))
        .await
        .expect("deleted");
    settle(&[&alpha, &beta]).await;
    assert_eq!(
        show(&beta, id).await["progress"],
        0,
        "her signature left with her account"
    );
}

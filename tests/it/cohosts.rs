//! Campaign co-hosts: an organization invited here or on another co-op accepts, then its
//! members add items and post updates, and its items join without asking again (here at once,
//! across co-ops because its instance answers the campaign's `Add` by itself). Anyone else's
//! `Add` aimed at the campaign is ignored.

use crate::common::coop::{AS, api, host, member, post, received};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::settle;
use crate::common::seed;
use reqwest::Method;
use serde_json::{Value, json};
use solidarity::domain::Handle;

fn item_state(shown: &Value, object: &Value) -> Option<Value> {
    shown["items"]
        .as_array()?
        .iter()
        .find(|i| &i["object"] == object)
        .map(|i| i["state"].clone())
}

#[tokio::test]
async fn a_local_co_host_accepts_then_adds_its_items_at_once_and_posts_updates() {
    let (alpha, alice) = host("alpha.test").await;
    seed::user(&alpha.state.store, "tina").await;
    seed::organization(&alpha.state.store, "tenants", "tina").await;
    let tina = seed::token(&alpha.state.store, "tina").await;
    let (_, campaign) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "end_evictions", "title": "End evictions"})),
    )
    .await;
    let start = chrono::Utc::now() + chrono::Duration::days(3);
    let (_, event) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/tenants/events",
        Some(&tina),
        Some(json!({
        "title": "Tenants' assembly", "starts_at": start.format("%Y-%m-%dT18:00:00Z").to_string(),
        "ends_at": start.format("%Y-%m-%dT20:00:00Z").to_string()})),
    )
    .await;

    // Before co-hosting, tenants can neither add items nor post updates.
    let (status, _) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&tina),
        Some(json!({"object": event["ap_id"]})),
    )
    .await;
    assert_eq!(status, 403);
    // Only the hosting organization's owners and admins invite.
    let (status, _) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/cohosts",
        Some(&tina),
        Some(json!({"organization": "tenants"})),
    )
    .await;
    assert_eq!(status, 403);
    let (status, body) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/cohosts",
        Some(&alice),
        Some(json!({"organization": "nobody_here"})),
    )
    .await;
    assert_eq!(status, 404, "{body}");
    let (status, shown) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/cohosts",
        Some(&alice),
        Some(json!({"organization": "tenants"})),
    )
    .await;
    assert_eq!(status, 200, "{shown}");
    let tenants_id = format!("{}/actors/tenants", alpha.base());
    assert_eq!(
        shown["cohosts"],
        json!([{"organization": tenants_id, "state": "invited"}])
    );

    // Tenants' owner sees the invitation and accepts it.
    let (_, invitations) = api(
        &alpha,
        Method::GET,
        "/api/v1/orgs/tenants/cohost-invitations",
        Some(&tina),
        None,
    )
    .await;
    assert_eq!(
        invitations,
        json!([{"campaign": campaign["ap_id"], "state": "pending"}])
    );
    let (status, _) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/tenants/cohost-invitations/accept",
        Some(&alice),
        Some(json!({"campaign": campaign["ap_id"]})),
    )
    .await;
    assert_eq!(
        status, 403,
        "only the invited organization's owners and admins accept"
    );
    let (status, body) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/tenants/cohost-invitations/accept",
        Some(&tina),
        Some(json!({"campaign": campaign["ap_id"]})),
    )
    .await;
    assert_eq!(status, 204, "{body}");

    // Now tenants' event joins at once, and tenants' owner posts an update.
    let (status, shown) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&tina),
        Some(json!({"object": event["ap_id"]})),
    )
    .await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(item_state(&shown, &event["ap_id"]), Some(json!("accepted")));
    assert_eq!(shown["cohosts"][0]["state"], "accepted");
    let (status, _) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/updates",
        Some(&tina),
        Some(json!({"content": "Tenants join the campaign."})),
    )
    .await;
    assert_eq!(status, 201);
    // A co-host does not change the campaign itself.
    let (status, _) = api(
        &alpha,
        Method::PUT,
        "/api/v1/campaigns/end_evictions",
        Some(&tina),
        Some(json!({"handle": "end_evictions", "title": "Hijacked"})),
    )
    .await;
    assert_eq!(status, 403);

    // Peers read the co-hosts and updates from the campaign's actor.
    let actor = alpha
        .federation_fetch(&url::Url::parse(campaign["ap_id"].as_str().expect("id")).expect("url"))
        .await;
    let cohosts = alpha
        .federation_fetch(
            &url::Url::parse(actor["cohosts"].as_str().expect("cohosts")).expect("url"),
        )
        .await;
    assert_eq!(cohosts["orderedItems"], json!([tenants_id]));
    let updates = alpha
        .federation_fetch(
            &url::Url::parse(actor["updates"].as_str().expect("updates")).expect("url"),
        )
        .await;
    assert_eq!(updates["totalItems"], 1);
}

#[tokio::test]
async fn a_co_host_on_another_co_op_accepts_by_activity_and_its_items_join_without_asking_again() {
    use solidarity::service::counts::publish_pending_counts;
    let (alpha, alice) = host("alpha.test").await;
    let (beta, bea) = host("beta.test").await;
    let ben = member(&beta, "ben").await;
    let (_, campaign) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "end_evictions", "title": "End evictions"})),
    )
    .await;
    let beta_org = format!("{}/actors/climate_now", beta.base());

    // A invites B's organization by its handle; B's organization receives an Invite.
    let (status, shown) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/cohosts",
        Some(&alice),
        Some(json!({"organization": format!("climate_now@beta.test:{}", beta.port)})),
    )
    .await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(
        shown["cohosts"],
        json!([{"organization": beta_org, "state": "invited"}])
    );
    settle(&[&alpha, &beta]).await;
    let (_, invitations) = api(
        &beta,
        Method::GET,
        "/api/v1/orgs/climate_now/cohost-invitations",
        Some(&bea),
        None,
    )
    .await;
    assert_eq!(
        invitations,
        json!([{"campaign": campaign["ap_id"], "state": "pending"}])
    );
    let (status, _) = api(
        &beta,
        Method::GET,
        "/api/v1/orgs/climate_now/cohost-invitations",
        Some(&ben),
        None,
    )
    .await;
    assert_eq!(status, 403, "owners and admins decide");

    // The Invite is not public: only its addressee's server may fetch it again by its id.
    let org = beta
        .state
        .store
        .organization_by_handle(&Handle::parse("climate_now").expect("valid"))
        .await
        .expect("org");
    let invite_id = beta
        .state
        .store
        .cohost_invitations_of(org.id)
        .await
        .expect("invitations")[0]
        .invite_ap_id
        .clone();
    let invite_url = url::Url::parse(&invite_id).expect("url");
    let anonymous = reqwest::Client::new()
        .get(invite_url.as_str().replace("alpha.test", "127.0.0.1"))
        .header("accept", "application/activity+json")
        .send()
        .await
        .expect("answers");
    assert_eq!(anonymous.status(), 404);
    let gamma = crate::common::network::Instance::start("gamma.test").await;
    assert!(
        gamma
            .state
            .federation
            .fetch_signed(&gamma.state.store, &invite_url)
            .await
            .is_err(),
        "a server the Invite was not addressed to cannot read it"
    );
    let fetched = beta.federation_fetch(&invite_url).await;
    assert_eq!(
        (fetched["type"].clone(), fetched["target"].clone()),
        (json!("Invite"), json!(beta_org))
    );

    // Before B accepts, B's organization cannot add to the campaign.
    let (_, action) = api(
        &beta,
        Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&bea),
        Some(json!({"kind": "letter", "title": "Write to the prefect", "goal": 200})),
    )
    .await;
    let (status, _) = api(
        &beta,
        Method::POST,
        "/api/v1/orgs/climate_now/cohosted-items",
        Some(&bea),
        Some(json!({"campaign": campaign["ap_id"], "object": action["ap_id"]})),
    )
    .await;
    assert_eq!(status, 403);

    let (status, body) = api(
        &beta,
        Method::POST,
        "/api/v1/orgs/climate_now/cohost-invitations/accept",
        Some(&bea),
        Some(json!({"campaign": campaign["ap_id"]})),
    )
    .await;
    assert_eq!(status, 204, "{body}");
    settle(&[&alpha, &beta]).await;
    let (_, shown) = api(
        &alpha,
        Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    assert_eq!(
        shown["cohosts"],
        json!([{"organization": beta_org, "state": "accepted"}]),
        "{shown}"
    );

    // B's organization adds its own action; A takes it at once and follows B for its counts.
    let (status, body) = api(
        &beta,
        Method::POST,
        "/api/v1/orgs/climate_now/cohosted-items",
        Some(&bea),
        Some(json!({"campaign": campaign["ap_id"], "object": action["ap_id"]})),
    )
    .await;
    assert_eq!(status, 202, "{body}");
    settle(&[&alpha, &beta]).await;
    let (_, shown) = api(
        &alpha,
        Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    assert_eq!(
        item_state(&shown, &action["ap_id"]),
        Some(json!("accepted")),
        "{shown}"
    );
    api(
        &beta,
        Method::POST,
        &format!(
            "/api/v1/actions/{}/participations",
            action["id"].as_str().expect("id")
        ),
        Some(&ben),
        Some(json!({})),
    )
    .await;
    publish_pending_counts(&beta.state.store, beta.state.federation.urls())
        .await
        .expect("counts");
    settle(&[&alpha, &beta]).await;
    let (_, shown) = api(
        &alpha,
        Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    assert_eq!(shown["participations"], 1, "{shown}");

    // When A adds another of B's actions, B's instance consents by itself: it co-hosts.
    let (_, second) = api(
        &beta,
        Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&bea),
        Some(json!({"kind": "call", "title": "Call the mayor"})),
    )
    .await;
    let (_, shown) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&alice),
        Some(json!({"object": second["ap_id"]})),
    )
    .await;
    assert_eq!(
        item_state(&shown, &second["ap_id"]),
        Some(json!("proposed"))
    );
    settle(&[&alpha, &beta]).await;
    let (_, shown) = api(
        &alpha,
        Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    assert_eq!(
        item_state(&shown, &second["ap_id"]),
        Some(json!("accepted")),
        "{shown}"
    );
}

#[tokio::test]
async fn an_add_aimed_at_a_campaign_by_anyone_but_a_co_host_is_ignored() {
    let (alpha, alice) = host("alpha.test").await;
    let (_, campaign) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "end_evictions", "title": "End evictions"})),
    )
    .await;
    let fake = FakeRemote::start(&["intruder"]).await;
    let intruder = fake.actor("intruder");
    let page = fake.serve("/pages/1", json!({
        "@context": [AS, "https://w3id.org/solidarity/ns#"], "id": format!("{}/pages/1", fake.base()),
        "type": "Page", "actionType": "petition", "name": "Spam petition",
        "attributedTo": intruder.id}));
    let add = json!({"@context": AS, "id": intruder.url("adds/1"), "type": "Add", "actor": intruder.id,
        "object": page, "target": campaign["ap_id"]});
    post(&alpha, &intruder, &add).await;
    settle(&[&alpha]).await;
    let (_, shown) = api(
        &alpha,
        Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    assert_eq!(shown["items"], json!([]), "{shown}");
    assert_eq!(
        fake.gets_of("/pages/1"),
        0,
        "nothing is fetched for a sender that is no co-host"
    );
    assert!(received(&fake, "Announce").is_empty());
}

#[tokio::test]
async fn only_the_invited_organization_answers_and_only_its_own_objects_join() {
    let (alpha, alice) = host("alpha.test").await;
    let (_, campaign) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "end_evictions", "title": "End evictions"})),
    )
    .await;
    let fake = FakeRemote::start(&["union", "other", "stranger"]).await;
    fake.set_group("union");
    fake.set_group("other");
    let (union, stranger) = (fake.actor("union"), fake.actor("stranger"));
    let invite = |who: &str| json!({"organization": fake.actor_id(who)});
    // A person is not an organization.
    let (status, body) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/cohosts",
        Some(&alice),
        Some(invite("stranger")),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/cohosts",
        Some(&alice),
        Some(invite("union")),
    )
    .await;
    settle(&[&alpha]).await;
    let invites = received(&fake, "Invite");
    assert_eq!(invites.len(), 1);
    assert_eq!(
        (invites[0]["target"].clone(), invites[0]["object"].clone()),
        (json!(union.id), campaign["ap_id"].clone())
    );
    let invite_id = invites[0]["id"].clone();

    // A page of the union's, in Solidarity's shape.
    let page = |path: &str, author: &url::Url| {
        fake.serve(
            path,
            json!({"@context": [AS, "https://w3id.org/solidarity/ns#"],
            "id": format!("{}{path}", fake.base()), "type": "Page", "actionType": "petition",
            "name": "A petition", "attributedTo": author}),
        )
    };
    let own = page("/pages/own", &union.id);
    let theirs = page("/pages/theirs", &stranger.id);
    let add = |n: u32, object: &url::Url| {
        json!({"@context": AS, "id": union.url(&format!("adds/{n}")),
        "type": "Add", "actor": union.id, "object": object, "target": campaign["ap_id"]})
    };
    let cohosts = || async {
        api(
            &alpha,
            Method::GET,
            "/api/v1/campaigns/end_evictions",
            None,
            None,
        )
        .await
        .1
    };

    // Invited is not accepted: its Add is ignored. Nobody else may answer for it.
    post(&alpha, &union, &add(1, &own)).await;
    let forged = json!({"@context": AS, "id": stranger.url("accepts/1"), "type": "Accept",
        "actor": stranger.id, "object": invite_id});
    post(&alpha, &stranger, &forged).await;
    settle(&[&alpha]).await;
    let shown = cohosts().await;
    assert_eq!(shown["cohosts"][0]["state"], "invited", "{shown}");
    assert_eq!(shown["items"], json!([]));

    // Its Accept settles it; then its own page joins, and one attributed to someone else does not.
    let accept = json!({"@context": AS, "id": union.url("accepts/1"), "type": "Accept",
        "actor": union.id, "object": invite_id});
    post(&alpha, &union, &accept).await;
    post(&alpha, &union, &add(2, &theirs)).await;
    post(&alpha, &union, &add(3, &own)).await;
    post(&alpha, &union, &add(4, &own)).await;
    settle(&[&alpha]).await;
    let shown = cohosts().await;
    assert_eq!(shown["cohosts"][0]["state"], "accepted", "{shown}");
    let items: Vec<Value> = shown["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| json!([i["object"], i["state"]]))
        .collect();
    assert_eq!(items, vec![json!([own.as_str(), "accepted"])]);
    assert_eq!(
        fake.posted()
            .iter()
            .filter(|p| p["type"] == "Follow")
            .count(),
        1,
        "the campaign follows its co-host once"
    );

    // A host that declines an Add: the proposal is forgotten, and asking again sends a new Add.
    let asked = page("/pages/asked", &stranger.id);
    let propose = || async {
        api(
            &alpha,
            Method::POST,
            "/api/v1/campaigns/end_evictions/items",
            Some(&alice),
            Some(json!({"object": asked})),
        )
        .await
    };
    let (status, shown) = propose().await;
    assert_eq!(status, 200, "{shown}");
    settle(&[&alpha]).await;
    let adds: Vec<Value> = received(&fake, "Add");
    assert_eq!(adds.len(), 1, "{adds:?}");
    let reject = json!({"@context": AS, "id": stranger.url("rejects/9"), "type": "Reject",
        "actor": stranger.id, "object": adds[0]["id"]});
    post(&alpha, &stranger, &reject).await;
    settle(&[&alpha]).await;
    let shown = cohosts().await;
    assert!(
        shown["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["object"] != asked.as_str()),
        "{shown}"
    );
    propose().await;
    settle(&[&alpha]).await;
    assert_eq!(received(&fake, "Add").len(), 2);

    // A declined invitation is forgotten, and may be sent again.
    let other = fake.actor("other");
    api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/cohosts",
        Some(&alice),
        Some(invite("other")),
    )
    .await;
    settle(&[&alpha]).await;
    let to_other = received(&fake, "Invite")
        .into_iter()
        .find(|i| i["target"] == other.id.as_str())
        .expect("invited");
    let reject = json!({"@context": AS, "id": other.url("rejects/1"), "type": "Reject",
        "actor": other.id, "object": to_other["id"]});
    post(&alpha, &other, &reject).await;
    settle(&[&alpha]).await;
    assert_eq!(cohosts().await["cohosts"].as_array().map(Vec::len), Some(1));
    api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/cohosts",
        Some(&alice),
        Some(invite("other")),
    )
    .await;
    settle(&[&alpha]).await;
    assert_eq!(received(&fake, "Invite").len(), 3);
}

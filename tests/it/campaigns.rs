//! Campaigns: a followable Group actor that gathers its organization's actions and events at
//! once and other organizations' with their consent, announces accepted items in both forms
//! (`Announce{Create{X}}` for group-aware peers, `Announce{X}` for Mastodon), and adds up what
//! its actions gathered, per instance and in all, including the whole scenario: co-op A's
//! campaign includes co-op B's action, users of A and B and a Mastodon user (by poll) take
//! part, and A shows exactly what B counts.

use crate::common::coop::{AS, api, host, member, post, received};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::settle;
use crate::common::seed;
use serde_json::{Value, json};

#[tokio::test]
async fn a_campaign_gathers_items_with_consent_announces_them_and_adds_up_their_totals() {
    let (alpha, alice) = host("alpha.test").await;
    seed::user(&alpha.state.store, "tina").await;
    seed::organization(&alpha.state.store, "tenants", "tina").await;
    let tina = seed::token(&alpha.state.store, "tina").await;
    let bob = member(&alpha, "bob").await;

    let (status, campaign) = api(&alpha, reqwest::Method::POST, "/api/v1/orgs/climate_now/campaigns", Some(&alice), Some(json!({
        "handle": "end_evictions", "title": "End evictions in Lyon", "summary": "No one on the street.",
        "demands": ["A moratorium on evictions", "Rent control"], "goal_statement": "A city-wide moratorium"}))).await;
    assert_eq!(status, 201, "{campaign}");
    assert_eq!(
        campaign["ap_id"],
        format!("{}/actors/end_evictions", alpha.base())
    );
    let (status, body) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "climate_now", "title": "Dup"})),
    )
    .await;
    assert_eq!(status, 409, "{body}");
    let (status, body) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "Bad Handle!", "title": "x"})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(body["error"].as_str().unwrap_or("").contains("handle"));

    // The campaign is a Group that Mastodon users follow.
    let actor = alpha
        .federation_fetch(&url::Url::parse(campaign["ap_id"].as_str().expect("id")).expect("url"))
        .await;
    assert_eq!(
        (actor["type"].clone(), actor["name"].clone()),
        (json!("Group"), json!("End evictions in Lyon"))
    );
    let fake = FakeRemote::start(&["masto"]).await;
    let masto = fake.actor("masto");
    let follow = json!({"@context": AS, "id": masto.url("follows/1"), "type": "Follow", "actor": masto.id, "object": campaign["ap_id"]});
    post(&alpha, &masto, &follow).await;
    settle(&[&alpha]).await;
    assert_eq!(received(&fake, "Accept").len(), 1);

    // Its own organization's action joins at once and is announced in both forms.
    let (_, action) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&alice),
        Some(json!({"kind": "petition", "title": "Moratorium now", "goal": 1000})),
    )
    .await;
    let (status, shown) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&alice),
        // One's own action by its local id, not only its URL.
        Some(json!({"object": action["id"]})),
    )
    .await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["items"][0]["state"], "accepted");
    assert_eq!(shown["items"][0]["object"], action["ap_id"]);
    settle(&[&alpha]).await;
    let announces = received(&fake, "Announce");
    assert_eq!(announces.len(), 2, "{announces:?}");
    assert!(announces.iter().all(|a| a["actor"] == campaign["ap_id"]));
    assert!(
        announces
            .iter()
            .any(|a| a["object"]["type"] == "Create"
                && a["object"]["object"]["id"] == action["ap_id"])
    );
    assert!(announces.iter().any(|a| a["object"] == action["ap_id"]));

    // Another organization's event is only proposed until that organization consents.
    let start = chrono::Utc::now() + chrono::Duration::days(5);
    let (_, event) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/tenants/events",
        Some(&tina),
        Some(json!({
        "title": "Tenants' march", "starts_at": start.format("%Y-%m-%dT14:00:00Z").to_string(),
        "ends_at": start.format("%Y-%m-%dT17:00:00Z").to_string()})),
    )
    .await;
    let (_, shown) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&alice),
        Some(json!({"object": format!("events/{}", event["id"].as_str().expect("id"))})),
    )
    .await;
    let state_of = |shown: &Value, id: &Value| {
        shown["items"]
            .as_array()
            .expect("items")
            .iter()
            .find(|i| &i["object"] == id)
            .map(|i| i["state"].clone())
    };
    assert_eq!(state_of(&shown, &event["ap_id"]), Some(json!("proposed")));
    settle(&[&alpha]).await;
    assert_eq!(
        received(&fake, "Announce").len(),
        2,
        "a proposal is not announced"
    );
    let (status, _) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/campaigns/end_evictions/items/accept",
        Some(&alice),
        Some(json!({"object": event["ap_id"]})),
    )
    .await;
    assert_eq!(status, 403, "only the event's organization consents");
    let (status, shown) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/campaigns/end_evictions/items/accept",
        Some(&tina),
        Some(json!({"object": event["id"]})),
    )
    .await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(state_of(&shown, &event["ap_id"]), Some(json!("accepted")));
    for (unknown, expected) in [
        ("no-such-id", 404),
        ("actions/no-such-id", 404),
        ("events/../../etc", 422),
    ] {
        let (status, body) = api(
            &alpha,
            reqwest::Method::POST,
            "/api/v1/campaigns/end_evictions/items",
            Some(&alice),
            Some(json!({ "object": unknown })),
        )
        .await;
        assert_eq!(status, expected, "{unknown}: {body}");
    }
    settle(&[&alpha]).await;
    assert_eq!(received(&fake, "Announce").len(), 4);

    // The totals add up the actions (per instance) and the events.
    api(
        &alpha,
        reqwest::Method::POST,
        &format!(
            "/api/v1/actions/{}/participations",
            action["id"].as_str().expect("id")
        ),
        Some(&bob),
        Some(json!({})),
    )
    .await;
    api(
        &alpha,
        reqwest::Method::POST,
        &format!(
            "/api/v1/actions/{}/participations",
            action["id"].as_str().expect("id")
        ),
        Some(&tina),
        Some(json!({})),
    )
    .await;
    api(
        &alpha,
        reqwest::Method::POST,
        &format!("/api/v1/events/{}/rsvps", event["id"].as_str().expect("id")),
        Some(&bob),
        Some(json!({"state": "going"})),
    )
    .await;
    let (_, shown) = api(
        &alpha,
        reqwest::Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    assert_eq!(shown["participations"], 2);
    assert_eq!(
        shown["participations_by_instance"],
        json!([{"instance": format!("alpha.test:{}", alpha.port), "count": 2}])
    );
    assert_eq!(shown["going"], 1);
    // Peers read the campaign's items from its actor's collections.
    let actor = alpha
        .federation_fetch(&url::Url::parse(campaign["ap_id"].as_str().expect("id")).expect("url"))
        .await;
    let actions = alpha
        .federation_fetch(
            &url::Url::parse(actor["actions"].as_str().expect("actions")).expect("url"),
        )
        .await;
    assert_eq!(
        actions["orderedItems"],
        json!([action["ap_id"]]),
        "{actions}"
    );
    let events = alpha
        .federation_fetch(&url::Url::parse(actor["events"].as_str().expect("events")).expect("url"))
        .await;
    assert_eq!(events["totalItems"], 1);

    // A dated update goes to the campaign's followers as a note from the campaign.
    let (status, shown_update) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/campaigns/end_evictions/updates",
        Some(&alice),
        Some(
            json!({"content": "The council will vote on **Monday**.\n\n<script>alert(1)</script>"}),
        ),
    )
    .await;
    assert_eq!(status, 201, "{shown_update}");
    assert_eq!(
        shown_update["updates"][0]["content_html"]
            .as_str()
            .map(str::trim),
        Some("<p>The council will vote on <strong>Monday</strong>.</p>"),
        "updates are Markdown, rendered and sanitised"
    );
    let (status, _, page) = crate::feeds::get(&alpha, "/@end_evictions", None).await;
    assert_eq!(status, 200);
    assert!(
        page.contains("vote on <strong>Monday</strong>.") && !page.contains("**Monday**"),
        "the campaign page shows the update rendered: {page}"
    );
    let (_, _, atom) = crate::feeds::get(&alpha, "/@end_evictions/feed.atom", None).await;
    let feed: atom_syndication::Feed = atom.parse().expect("an Atom feed");
    let contents: Vec<&str> = feed
        .entries()
        .iter()
        .filter_map(|e| e.content().and_then(|c| c.value()))
        .collect();
    assert!(
        contents
            .iter()
            .any(|c| c.contains("<strong>Monday</strong>"))
            && !contents
                .iter()
                .any(|c| c.contains("**") || c.contains("script")),
        "{contents:?}"
    );
    settle(&[&alpha]).await;
    assert!(
        received(&fake, "Create")
            .iter()
            .any(|c| c["actor"] == campaign["ap_id"] && c["object"]["type"] == "Note")
    );
    let (status, _) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/campaigns/end_evictions/updates",
        Some(&tina),
        Some(json!({"content": "hijack"})),
    )
    .await;
    assert_eq!(
        status, 403,
        "only the campaign's organization posts updates"
    );
    assert_eq!(
        shown["demands"],
        json!(["A moratorium on evictions", "Rent control"])
    );
}

#[tokio::test]
async fn co_op_a_campaign_includes_co_op_b_action_with_b_consent_and_both_show_the_same_totals() {
    use solidarity::service::counts::publish_pending_counts;
    let (alpha, alice) = host("alpha.test").await;
    let (beta, bea) = host("beta.test").await;
    let ada = member(&alpha, "ada").await;
    let ben = member(&beta, "ben").await;
    let (_, campaign) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/campaigns",
        Some(&alice),
        Some(json!({"handle": "end_evictions", "title": "End evictions"})),
    )
    .await;
    let (_, action) = api(
        &beta,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/actions",
        Some(&bea),
        Some(json!({"kind": "letter", "title": "Write to the prefect", "goal": 200})),
    )
    .await;
    let action_id = action["ap_id"].as_str().expect("id").to_owned();

    // A proposes B's action; B's organization is asked with an Add.
    let (status, shown) = api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&alice),
        Some(json!({"object": action_id})),
    )
    .await;
    assert_eq!(status, 200, "{shown}");
    assert_eq!(shown["items"][0]["state"], "proposed");
    assert_eq!(shown["items"][0]["title"], "Write to the prefect");
    settle(&[&alpha, &beta]).await;
    let (status, invitations) = api(
        &beta,
        reqwest::Method::GET,
        "/api/v1/orgs/climate_now/campaign-invitations",
        Some(&bea),
        None,
    )
    .await;
    assert_eq!(status, 200, "{invitations}");
    assert_eq!(
        invitations,
        json!([{"campaign": campaign["ap_id"], "object": action_id, "state": "pending"}])
    );
    let (status, _) = api(
        &beta,
        reqwest::Method::GET,
        "/api/v1/orgs/climate_now/campaign-invitations",
        Some(&ben),
        None,
    )
    .await;
    assert_eq!(status, 403, "owners and admins decide");

    // B consents; A accepts the item and follows B's organization for its updates.
    let (status, body) = api(
        &beta,
        reqwest::Method::POST,
        "/api/v1/orgs/climate_now/campaign-invitations/accept",
        Some(&bea),
        Some(json!({"campaign": campaign["ap_id"], "object": action_id})),
    )
    .await;
    assert_eq!(status, 204, "{body}");
    settle(&[&alpha, &beta]).await;
    let (_, shown) = api(
        &alpha,
        reqwest::Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    assert_eq!(shown["items"][0]["state"], "accepted", "{shown}");

    // Users of B and of A take part; B publishes its count; A's campaign shows B's numbers.
    api(
        &beta,
        reqwest::Method::POST,
        &format!(
            "/api/v1/actions/{}/participations",
            action["id"].as_str().expect("id")
        ),
        Some(&ben),
        Some(json!({})),
    )
    .await;
    api(
        &alpha,
        reqwest::Method::POST,
        "/api/v1/participations",
        Some(&ada),
        Some(json!({"action": action_id})),
    )
    .await;
    settle(&[&alpha, &beta]).await;
    // A Mastodon user takes part through the poll B sends when they reply to the action.
    let mastodon = FakeRemote::start(&["masto"]).await;
    let masto = mastodon.actor("masto");
    let org_b = format!("{}/actors/climate_now", beta.base());
    let reply = json!({"@context": AS, "id": masto.url("statuses/1/activity"), "type": "Create",
        "actor": masto.id, "to": [org_b],
        "object": {"id": masto.url("statuses/1"), "type": "Note", "attributedTo": masto.id,
                   "inReplyTo": action_id, "to": [org_b], "content": "<p>count me in</p>"}});
    post(&beta, &masto, &reply).await;
    settle(&[&beta]).await;
    let poll = received(&mastodon, "Create")
        .into_iter()
        .find(|c| c["object"]["type"] == "Question")
        .expect("a poll for the Mastodon user")["object"]["id"]
        .clone();
    let vote = json!({"@context": AS, "id": masto.url("votes/1/activity"), "type": "Create",
        "actor": masto.id, "to": org_b,
        "object": {"id": masto.url("#votes/1"), "type": "Note", "attributedTo": masto.id,
                   "name": solidarity::service::polls::TAKE_PART, "to": org_b, "inReplyTo": poll}});
    post(&beta, &masto, &vote).await;
    settle(&[&alpha, &beta]).await;
    let urls = beta.state.federation.urls().clone();
    publish_pending_counts(&beta.state.store, &urls)
        .await
        .expect("counts");
    settle(&[&alpha, &beta]).await;

    let (_, on_b) = api(
        &beta,
        reqwest::Method::GET,
        &format!("/api/v1/actions/{}", action["id"].as_str().expect("id")),
        None,
        None,
    )
    .await;
    let (_, on_a) = api(
        &alpha,
        reqwest::Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    assert_eq!(on_b["progress"], 3, "{on_b}");
    assert_eq!(on_a["participations"], on_b["progress"], "{on_a}");
    assert_eq!(on_a["items"][0]["count"], 3);
    let sorted = |list: &Value| {
        let mut pairs: Vec<(String, i64)> = list
            .as_array()
            .expect("a list")
            .iter()
            .map(|c| {
                (
                    c["instance"].as_str().unwrap_or("").to_owned(),
                    c["count"].as_i64().unwrap_or(0),
                )
            })
            .collect();
        pairs.sort();
        pairs
    };
    assert_eq!(
        sorted(&on_a["participations_by_instance"]),
        sorted(&on_b["progress_by_instance"])
    );
    assert_eq!(
        sorted(&on_a["participations_by_instance"]),
        vec![
            (format!("alpha.test:{}", alpha.port), 1),
            (format!("beta.test:{}", beta.port), 1),
            (format!("fake.test:{}", mastodon.port), 1)
        ]
    );
}

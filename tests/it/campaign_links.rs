//! Content of servers that cannot consent (a Mastodon note, a Mobilizon event) joins a campaign
//! as `linked`, boosted to its followers; a Mobilizon event shows its published count. The
//! campaign's page, calendar and Atom feed show what it gathers, ours and theirs.

use crate::common::coop::{AS, api, host, post, received};
use crate::common::fake_remote::FakeRemote;
use crate::common::network::settle;
use crate::feeds::{get, uids};
use reqwest::Method;
use serde_json::{Value, json};

fn item<'a>(shown: &'a Value, object: &str) -> &'a Value {
    shown["items"]
        .as_array()
        .expect("items")
        .iter()
        .find(|i| i["object"] == object)
        .expect("the item is in the campaign")
}

#[tokio::test]
async fn notes_and_events_of_other_servers_are_linked_and_shown_in_the_campaign_feeds() {
    let (alpha, alice) = host("alpha.test").await;
    let (_, campaign) = api(&alpha, Method::POST, "/api/v1/orgs/climate_now/campaigns", Some(&alice),
        Some(json!({"handle": "end_evictions", "title": "End evictions", "demands": ["A moratorium"]}))).await;
    let follower = FakeRemote::start(&["follower"]).await;
    let follow = json!({"@context": AS, "id": follower.actor("follower").url("follows/1"), "type": "Follow",
        "actor": follower.actor("follower").id, "object": campaign["ap_id"]});
    post(&alpha, &follower.actor("follower"), &follow).await;
    settle(&[&alpha]).await;

    // A Mastodon note and a Mobilizon event, each on its author's server.
    let elsewhere = FakeRemote::start(&["masto", "mobilizon_group"]).await;
    let masto = elsewhere.actor("masto");
    let note = elsewhere.serve("/users/masto/statuses/1", json!({
        "@context": AS, "id": masto.url("statuses/1"), "type": "Note", "attributedTo": masto.id,
        "content": "<p>Our building won its eviction case!<script>alert(1)</script></p>",
        "published": "2026-11-30T10:00:00Z", "to": ["https://www.w3.org/ns/activitystreams#Public"]}));
    let mut event: Value = serde_json::from_str(
        &std::fs::read_to_string("federation/fixtures/mobilizon/objects/event.json")
            .expect("fixture"),
    )
    .expect("json");
    let event_url = format!("{}/events/dance", elsewhere.base());
    event["id"] = json!(event_url);
    event["url"] = json!(event_url);
    event["attributedTo"] = json!(elsewhere.actor_id("mobilizon_group"));
    event["actor"] = json!(elsewhere.actor_id("mobilizon_group"));
    event["participantCount"] = json!(7);
    let soon = chrono::Utc::now() + chrono::Duration::days(10);
    event["startTime"] = json!(soon.format("%Y-%m-%dT19:00:00+00:00").to_string());
    event["endTime"] = json!(soon.format("%Y-%m-%dT21:00:00+00:00").to_string());
    elsewhere.serve("/events/dance", event);
    // A WordPress article (its `url` is its page, not its id).
    let mut article: Value = serde_json::from_str(
        &std::fs::read_to_string("federation/fixtures/wordpress/objects/page.json")
            .expect("fixture"),
    )
    .expect("json");
    let article_url = format!("{}/blog/27948", elsewhere.base());
    article["id"] = json!(article_url);
    article["attributedTo"] = json!(elsewhere.actor_id("mobilizon_group"));
    elsewhere.serve("/blog/27948", article);

    for object in [note.as_str(), event_url.as_str(), article_url.as_str()] {
        let (status, shown) = api(
            &alpha,
            Method::POST,
            "/api/v1/campaigns/end_evictions/items",
            Some(&alice),
            Some(json!({"object": object})),
        )
        .await;
        assert_eq!(status, 200, "{shown}");
    }
    let (_, shown) = api(
        &alpha,
        Method::GET,
        "/api/v1/campaigns/end_evictions",
        None,
        None,
    )
    .await;
    let linked_note = item(&shown, note.as_str());
    assert_eq!(
        (linked_note["kind"].clone(), linked_note["state"].clone()),
        (json!("post"), json!("linked"))
    );
    assert_eq!(linked_note["title"], "Our building won its eviction case!");
    let linked_event = item(&shown, &event_url);
    assert_eq!(
        (linked_event["kind"].clone(), linked_event["count"].clone()),
        (json!("event"), json!(7))
    );
    let linked_article = item(&shown, &article_url);
    assert_eq!(
        (
            linked_article["kind"].clone(),
            linked_article["title"].clone()
        ),
        (
            json!("post"),
            json!("An Epic 3D-Printed Fan Expansion for Last Light")
        )
    );
    assert_eq!(
        shown["going"], 0,
        "totals count only what hosts agreed to: a linked count is shown, not added up"
    );
    settle(&[&alpha]).await;
    let boosts: Vec<Value> = received(&follower, "Announce")
        .into_iter()
        .map(|a| a["object"].clone())
        .collect();
    assert!(
        boosts.contains(&json!(note.as_str())) && boosts.contains(&json!(event_url)),
        "{boosts:?}"
    );
    assert!(
        elsewhere.posted().iter().all(|p| p["type"] != "Add"),
        "servers that cannot consent are not asked"
    );

    // Adding the note again, by another address of it, changes nothing and boosts it once.
    let alias = format!("{note}?utm_source=share");
    let (status, again) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&alice),
        Some(json!({"object": alias})),
    )
    .await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["items"].as_array().map(Vec::len), Some(3));
    settle(&[&alpha]).await;
    let note_boosts = received(&follower, "Announce")
        .into_iter()
        .filter(|a| a["object"] == note.as_str())
        .count();
    assert_eq!(note_boosts, 1);
    // Followers-only posts are not boosted.
    let private = elsewhere.serve(
        "/users/masto/statuses/2",
        json!({
        "@context": AS, "id": masto.url("statuses/2"), "type": "Note", "attributedTo": masto.id,
        "content": "<p>for my followers</p>", "to": [masto.url("followers")]}),
    );
    let (status, body) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&alice),
        Some(json!({"object": private})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"].as_str().unwrap_or("").contains("not public"),
        "{body}"
    );

    // A video is not something a campaign gathers.
    let video = elsewhere.serve(
        "/videos/1",
        json!({"@context": AS, "id": format!("{}/videos/1", elsewhere.base()),
        "type": "Video", "name": "A video", "attributedTo": masto.id}),
    );
    let (status, body) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&alice),
        Some(json!({"object": video})),
    )
    .await;
    assert_eq!(status, 422, "{body}");
    assert!(
        body["error"].as_str().unwrap_or("").starts_with("object"),
        "{body}"
    );

    // The campaign's calendar holds our event and the Mobilizon one; its feed the note.
    let start = chrono::Utc::now() + chrono::Duration::days(3);
    let (_, ours) = api(
        &alpha,
        Method::POST,
        "/api/v1/orgs/climate_now/events",
        Some(&alice),
        Some(json!({
        "title": "Eviction watch", "starts_at": start.format("%Y-%m-%dT07:00:00Z").to_string(),
        "ends_at": start.format("%Y-%m-%dT09:00:00Z").to_string()})),
    )
    .await;
    api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/items",
        Some(&alice),
        Some(json!({"object": ours["ap_id"]})),
    )
    .await;
    let (status, content_type, ics) = get(&alpha, "/@end_evictions/events.ics", None).await;
    assert_eq!(
        (status, content_type.as_str()),
        (200, "text/calendar; charset=utf-8")
    );
    let mut found = uids(&ics);
    found.sort();
    let mut expected = vec![
        (
            event_url.clone(),
            "Caledonian scottish dance class".to_owned(),
        ),
        (
            ours["ap_id"].as_str().expect("id").to_owned(),
            "Eviction watch".to_owned(),
        ),
    ];
    expected.sort();
    assert_eq!(found, expected);
    let (status, _, atom) = get(&alpha, "/@end_evictions/feed.atom", None).await;
    assert_eq!(status, 200);
    let feed: atom_syndication::Feed = atom.parse().expect("an Atom feed");
    assert_eq!(feed.title().as_str(), "End evictions");
    let entry = feed
        .entries()
        .iter()
        .find(|e| e.id() == note.as_str())
        .expect("the note is in the feed");
    let html = entry.content().and_then(|c| c.value()).unwrap_or_default();
    assert!(
        html.contains("won its eviction case") && !html.contains("script"),
        "{html}"
    );

    // Taking the note out tells the followers: Undo of its boost.
    let (status, shown) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/items/remove",
        Some(&alice),
        Some(json!({"object": note})),
    )
    .await;
    assert_eq!(status, 200, "{shown}");
    assert!(
        shown["items"]
            .as_array()
            .expect("items")
            .iter()
            .all(|i| i["object"] != note.as_str())
    );
    settle(&[&alpha]).await;
    let undos = received(&follower, "Undo");
    assert_eq!(undos.len(), 1, "{undos:?}");
    assert_eq!(
        (
            undos[0]["object"]["type"].clone(),
            undos[0]["object"]["object"].clone()
        ),
        (json!("Announce"), json!(note.as_str()))
    );
    let (status, _) = api(
        &alpha,
        Method::POST,
        "/api/v1/campaigns/end_evictions/items/remove",
        Some(&alice),
        Some(json!({"object": note})),
    )
    .await;
    assert_eq!(status, 404);

    // Its page, at the url the API gives, says what it demands and what it gathers, and marks the linked items.
    assert_eq!(campaign["url"], format!("{}/@end_evictions", alpha.base()));
    let response = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{}/@end_evictions", alpha.port))
        .header("accept", "text/html")
        .send()
        .await
        .expect("answers");
    assert_eq!(response.status(), 200);
    let page = response.text().await.expect("a page");
    assert!(
        page.contains("<h1 id=\"campaign-title\" class=\"p-name\">End evictions</h1>"),
        "{page}"
    );
    assert!(page.contains("<li>A moratorium</li>") && page.contains("Eviction watch"));
    assert!(page.contains("shared from another server"));
}

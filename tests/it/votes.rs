//! One member, one vote, from Mastodon: the registry opens a proposal, freezes its roll and
//! sends every voter the `Question`; members answer it like any Mastodon poll. A re-delivered
//! vote, a vote under a new id, an organization's staff who is not its representative, a
//! non-member and a vote after closing are not counted (the last three are told why), and the
//! published totals and `votersCount` hold the counted members only.

use crate::common::coop::{post, received};
use crate::common::fake_remote::{FakeActor, FakeRemote};
use crate::common::network::{Instance, settle};
use crate::common::seed;
use serde_json::{Value, json};
use solidarity::domain::InstanceRole;
use solidarity::domain::registry_log::Change;
use solidarity::service::registry::{
    self, ChangeRequest, ProposalRequest, close, open, record_as_admin,
};

const AS: &str = "https://www.w3.org/ns/activitystreams";

/// A Mastodon poll answer: a Note with the option's name, in reply to the question.
fn vote(actor: &FakeActor, question: &str, registry: &str, choice: &str, n: &str) -> Value {
    json!({
        "@context": AS, "id": actor.url(&format!("votes/{n}/activity")), "type": "Create",
        "actor": actor.id, "to": registry,
        "object": {"id": actor.url(&format!("#votes/{n}")), "type": "Note", "name": choice,
                   "attributedTo": actor.id, "to": registry, "inReplyTo": question}
    })
}

/// The notes the registry sent `actor` directly.
fn told(fake: &FakeRemote, actor: &FakeActor) -> Vec<String> {
    received(fake, "Create")
        .into_iter()
        .filter(|create| create["object"]["type"] == "Note" && create["to"][0] == actor.id.as_str())
        .map(|create| {
            create["object"]["content"]
                .as_str()
                .unwrap_or_default()
                .to_owned()
        })
        .collect()
}

#[tokio::test]
async fn each_member_counts_once_and_only_members_count() {
    let registry = Instance::start_configured("alpha.test", |config| {
        config.role = InstanceRole::Software;
    })
    .await;
    let state = &registry.state;
    let ada = seed::admin(&state.store, "ada").await;
    let fake = FakeRemote::start(&["maria", "juan", "rosa", "bob", "eve"]).await;
    let [maria, juan, rosa, bob, eve] =
        ["maria", "juan", "rosa", "bob", "eve"].map(|name| fake.actor(name));
    let network = format!("{}/actors/network", registry.base());
    // Everyone follows the registry (so it knows them); maria, juan and an organization whose
    // representative is rosa (bob is its staff) are members.
    for (n, actor) in [&maria, &juan, &rosa, &bob, &eve].into_iter().enumerate() {
        let follow = json!({"@context": AS, "id": actor.url(&format!("follows/{n}")),
            "type": "Follow", "actor": actor.id, "object": network});
        post(&registry, actor, &follow).await;
    }
    settle(&[&registry]).await;
    let tenants = fake.actor_id("tenants").to_string();
    let members = [
        (maria.id.to_string(), "individual", None),
        (juan.id.to_string(), "individual", None),
        (tenants.clone(), "organization", Some(rosa.id.to_string())),
    ];
    for (member, class, representative) in members {
        for change in [Change::Applied, Change::Approved] {
            let request = ChangeRequest {
                member: member.clone(),
                class: Some(class.to_owned()),
                representative: representative.clone(),
                ..ChangeRequest::default()
            };
            record_as_admin(state, &ada, change, request)
                .await
                .expect("recorded");
        }
    }

    let proposal = open(
        state,
        &ada,
        ProposalRequest {
            title: "Adopt the 2027 budget?".to_owned(),
            kind: "single".to_owned(),
            options: vec!["yes".to_owned(), "no".to_owned()],
            rule: "majority".to_owned(),
            quorum_percent: 50,
            closes_at: state.now() + 3_600_000,
            ..ProposalRequest::default()
        },
    )
    .await
    .expect("opened");
    settle(&[&registry]).await;
    let question = state.urls().proposal(&proposal.id).to_string();
    let announced = received(&fake, "Create")
        .into_iter()
        .find(|create| create["object"]["type"] == "Question")
        .expect("the voters received the question");
    assert_eq!(announced["object"]["id"], question.as_str());
    assert_eq!(announced["object"]["rollHash"], proposal.roll_hash.as_str());
    assert_eq!(
        announced["object"]["votersCount"], 0,
        "no totals while open"
    );
    // Anyone checks the roll against its published hash (RFC 8785 JSON, SHA-256).
    let roll: Value = reqwest::get(format!(
        "http://127.0.0.1:{}/registry/proposals/{}/roll",
        registry.port, proposal.id
    ))
    .await
    .expect("answers")
    .json()
    .await
    .expect("JSON");
    let canonical = serde_json_canonicalizer::to_vec(&roll["entries"]).expect("JCS");
    let digest = sha2::Digest::finalize(sha2::Digest::chain_update(
        <sha2::Sha256 as sha2::Digest>::new(),
        &canonical,
    ));
    let hash: String = digest.iter().map(|b| format!("{b:02x}")).collect();
    assert_eq!(hash, proposal.roll_hash);
    assert_eq!(roll["entries"].as_array().map(Vec::len), Some(3));

    let ballots = [
        vote(&maria, &question, &network, "yes", "1"),
        vote(&maria, &question, &network, "yes", "1"),
        vote(&maria, &question, &network, "yes", "2"),
        vote(&juan, &question, &network, "no", "1"),
        vote(&rosa, &question, &network, "yes", "1"),
        vote(&bob, &question, &network, "no", "1"),
        vote(&eve, &question, &network, "no", "1"),
        vote(&juan, &question, &network, "maybe", "2"),
    ];
    let voters = [&maria, &maria, &maria, &juan, &rosa, &bob, &eve, &juan];
    for (ballot, voter) in ballots.iter().zip(voters) {
        post(&registry, voter, ballot).await;
    }
    settle(&[&registry]).await;
    for refused in [&bob, &eve] {
        let notes = told(&fake, refused);
        assert_eq!(notes.len(), 1, "{} is told once", refused.name);
        assert!(
            notes[0].contains("not counted") && notes[0].contains("roll"),
            "{notes:?}"
        );
    }
    assert!(told(&fake, &juan)[0].contains("not one of the options"));
    assert!(told(&fake, &maria).is_empty());

    let tally = close(state, &proposal.id).await.expect("closed");
    assert_eq!(
        tally.voted_members, 3,
        "maria once, juan, the organization through rosa"
    );
    let members: Vec<u64> = tally.options.iter().map(|o| o.members).collect();
    assert_eq!(members, [2, 1]);
    assert!(tally.quorum_reached);
    assert_eq!(
        serde_json::to_value(&tally.outcome).expect("JSON"),
        json!({"outcome": "chosen", "option": 0})
    );
    settle(&[&registry]).await;
    let update = received(&fake, "Update")
        .into_iter()
        .find(|update| update["object"]["id"] == question.as_str())
        .expect("the voters received the results");
    assert_eq!(update["object"]["votersCount"], 3);
    assert_eq!(update["object"]["oneOf"][0]["replies"]["totalItems"], 2);
    assert_eq!(update["object"]["oneOf"][1]["replies"]["totalItems"], 1);
    assert_eq!(update["object"]["rollHash"], proposal.roll_hash.as_str());
    assert!(update["object"]["closed"].is_string());

    // After closing, a vote is refused with the reason and the results stay.
    post(
        &registry,
        &juan,
        &vote(&juan, &question, &network, "yes", "3"),
    )
    .await;
    settle(&[&registry]).await;
    assert!(
        told(&fake, &juan)
            .iter()
            .any(|note| note.contains("closed"))
    );
    let document = registry::question_document(state, &proposal.id)
        .await
        .expect("read")
        .expect("a proposal");
    assert_eq!(document["votersCount"], 3);
    assert_eq!(document["result"]["voted_members"], 3);
}

#[tokio::test]
async fn administrators_run_a_consent_vote_through_the_json_api() {
    let registry = Instance::start_configured("alpha.test", |config| {
        config.role = InstanceRole::Software;
    })
    .await;
    let store = &registry.state.store;
    seed::admin(store, "ada").await;
    seed::user(store, "bea").await;
    let (ada, bea) = (
        seed::token(store, "ada").await,
        seed::token(store, "bea").await,
    );
    let fake = FakeRemote::start(&["maria", "juan"]).await;
    let (maria, juan) = (fake.actor("maria"), fake.actor("juan"));
    let api = |path: &str| format!("http://127.0.0.1:{}/api/v1/registry/{path}", registry.port);
    let client = reqwest::Client::new();
    let post = |path: &str, token: &str, body: Value| {
        client
            .post(api(path))
            .bearer_auth(token.to_owned())
            .json(&body)
            .send()
    };
    let refused = post(
        "changes",
        &bea,
        json!({"change": "applied", "member": maria.id, "class": "individual"}),
    )
    .await
    .expect("answers");
    assert_eq!(
        refused.status(),
        403,
        "only administrators change the registry"
    );
    for actor in [&maria, &juan] {
        for change in ["applied", "approved"] {
            let answer = post("changes", &ada, json!({"change": change, "member": actor.id, "class": "individual", "reason": "by the board"}))
                .await
                .expect("answers");
            assert_eq!(answer.status(), 200);
        }
    }
    let wrong = post(
        "changes",
        &ada,
        json!({"change": "approved", "member": maria.id}),
    )
    .await
    .expect("answers");
    assert_eq!(
        wrong.status(),
        409,
        "an active member cannot be approved again"
    );
    let classes: Value = client
        .get(api("classes"))
        .bearer_auth(&ada)
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    assert!(
        classes
            .as_array()
            .expect("a list")
            .iter()
            .any(|c| c["name"] == "individual")
    );

    // Individuals weigh 2 from now on; a bad weight is refused.
    let put = |name: &str, body: Value| {
        client
            .put(api(&format!("classes/{name}")))
            .bearer_auth(&ada)
            .json(&body)
            .send()
    };
    let set = put("individual", json!({"label": "Individual", "weight": 2}))
        .await
        .expect("answers");
    assert_eq!(set.status(), 200);
    let bad = put("individual", json!({"weight": -1}))
        .await
        .expect("answers");
    assert_eq!(bad.status(), 422);

    let closes = solidarity::federation::notes::rfc3339(registry.state.now() + 3_600_000);
    let proposal: Value = post(
        "proposals",
        &ada,
        json!({
            "title": "Join the housing federation?", "kind": "consent", "rule": "consent",
            "quorum_percent": 50, "closes_at": closes,
        }),
    )
    .await
    .expect("answers")
    .json()
    .await
    .expect("JSON");
    assert_eq!(
        proposal["options"],
        json!(["agree", "abstain", "disagree", "block"])
    );
    let id = proposal["id"].as_str().expect("an id");
    let question = proposal["question"].as_str().expect("its question");
    let network = format!("{}/actors/network", registry.base());
    // Both answer from Mastodon (they are known to the registry by their signed votes).
    post_vote(
        &registry,
        &maria,
        &vote(&maria, question, &network, "agree", "1"),
    )
    .await;
    post_vote(
        &registry,
        &juan,
        &vote(&juan, question, &network, "abstain", "1"),
    )
    .await;
    settle(&[&registry]).await;
    let tally: Value = post(&format!("proposals/{id}/close"), &ada, json!({}))
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    assert_eq!(tally["outcome"], json!({"outcome": "passed"}));
    assert_eq!(tally["voted_members"], 2);
    assert_eq!(tally["voted_weight"], 4, "each individual weighs 2");
    let shown: Value = client
        .get(api(&format!("proposals/{id}")))
        .bearer_auth(&bea)
        .send()
        .await
        .expect("answers")
        .json()
        .await
        .expect("JSON");
    assert_eq!(shown["closed"], true);
    assert_eq!(shown["result"]["outcome"]["outcome"], "passed");
    let again = post(&format!("proposals/{id}/close"), &ada, json!({}))
        .await
        .expect("answers");
    assert_eq!(again.status(), 409);
}

async fn post_vote(registry: &Instance, actor: &FakeActor, body: &Value) {
    post(registry, actor, body).await;
}

//! Examples of the membership registry's documents: one entry of its log, and a page of it, as
//! the software co-op's instance serves them; its actor and a signed membership; and what
//! platform co-ops and the registry send each other.

use super::{actor, example_urls, fixed};
use serde_json::Value;
use solidarity::domain::registry_log::{Change, Entry, GENESIS, Membership, Status};
use solidarity::domain::{ActorKind, Handle};
use solidarity::federation::ballots::BallotText;
use solidarity::federation::integrity::{self, ProofOptions};
use solidarity::federation::outbox;
use solidarity::federation::protocol::ParticipationType;
use solidarity::federation::registry;
use url::Url;

/// The W3C test vector's key (vc-di-eddsa), so the example's proof is stable and checkable.
const EXAMPLE_SEED: &str = "3u2en7t5LR2WtQH5PfFqMqwVHBeXouLzo6haApm8XHqvjxq";

/// The organization the Lyon co-op reports, active and signed by the registry.
fn signed_membership() -> Value {
    let urls = example_urls();
    let membership = Membership {
        member: "https://lyon.coop/actors/tenants_union".to_owned(),
        class: "organization".to_owned(),
        status: Status::Active,
        serving: Some("https://lyon.coop/actors/instance".to_owned()),
        representative: Some("https://lyon.coop/actors/rosa".to_owned()),
        since: Some(1_796_001_200_000),
        until: None,
        version: 4,
    };
    let document = registry::membership_document(&urls, &membership, 1_796_002_000_000);
    let seed = bs58::decode(EXAMPLE_SEED).into_vec().expect("base58");
    let pair = aws_lc_rs::signature::Ed25519KeyPair::from_seed_unchecked(&seed[2..]).expect("seed");
    let key_id = urls.registry_key_id();
    let options = ProofOptions {
        key_id: key_id.as_str(),
        created: "2026-11-30T01:26:40Z",
        expires: Some("2026-11-30T01:56:40Z"),
    };
    integrity::sign(&document, &pair, &options).expect("signed")
}

/// Two entries: a platform co-op applies, and is approved.
fn entries() -> Vec<Entry> {
    let applied = Entry {
        at: 1_796_000_000_000,
        author: "https://coop.example/actors/ada".to_owned(),
        change: Change::Applied,
        class: Some("platform_coop".to_owned()),
        member: "https://lyon.coop/actors/instance".to_owned(),
        previous: GENESIS.to_owned(),
        reason: "asked at the general assembly".to_owned(),
        representative: None,
        seq: 1,
        serving: None,
    };
    let approved = Entry {
        at: 1_796_000_600_000,
        change: Change::Approved,
        class: None,
        previous: applied.hash(),
        reason: "voted by the board".to_owned(),
        seq: 2,
        ..applied.clone()
    };
    vec![applied, approved]
}

pub fn registry_examples() -> Vec<(&'static str, Value)> {
    let urls = example_urls();
    let entries = entries();
    vec![
        (
            "registry_entry",
            registry::entry_document(&urls, &entries[1]),
        ),
        (
            "registry_log_page",
            registry::log_page(&urls, 1, 2, 100, &entries),
        ),
        ("registry_actor", registry_actor()),
        ("proposal_question", proposal(false)),
        ("proposal_results", proposal(true)),
        ("registry_membership", signed_membership()),
        ("cast_ballot", cast_ballot()),
        (
            "join_registry",
            fixed(
                &outbox::join_registry(&urls, &registry_id(), ParticipationType::Join),
                "5a1c9e3b-join-registry",
            ),
        ),
        (
            "offer_membership",
            fixed(
                &outbox::offer_membership(
                    &urls,
                    &registry_id(),
                    &Url::parse("https://coop.example/actors/tenants_union").expect("url"),
                    Some(&Url::parse("https://coop.example/actors/rosa").expect("url")),
                ),
                "7d2e4f60-offer",
            ),
        ),
        (
            "update_membership",
            fixed(
                &outbox::update_membership(
                    &urls,
                    &Url::parse("https://coop.example/registry/memberships?member=https%3A%2F%2Flyon.coop%2Factors%2Ftenants_union").expect("url"),
                    signed_membership(),
                    vec![
                        "https://lyon.coop/actors/instance".to_owned(),
                        "https://lyon.coop/actors/tenants_union".to_owned(),
                    ],
                ),
                "9e8f7a6b-update-membership",
            ),
        ),
    ]
}

/// A budget vote of three members (a co-op of weight 3 through its instance actor, an
/// organization through its representative, a person): open, then closed with its tally.
fn proposal(closed: bool) -> Value {
    use solidarity::domain::vote::{Ballot, Kind, Roll, RollEntry, Rule, Terms, Via, count, sort};
    use solidarity::federation::registry_votes::{ProposalText, question};
    let urls = example_urls();
    let entry = |member: &str, class: &str, voter: &str, weight: u32| RollEntry {
        member: member.to_owned(),
        class: class.to_owned(),
        voter: voter.to_owned(),
        weight,
    };
    let roll = Roll {
        entries: vec![
            entry(
                "https://lyon.coop/actors/instance",
                "platform_coop",
                "https://lyon.coop/actors/instance",
                3,
            ),
            entry(
                "https://lyon.coop/actors/tenants_union",
                "organization",
                "https://lyon.coop/actors/rosa",
                1,
            ),
            entry(
                "https://mastodon.example/users/maria",
                "individual",
                "https://mastodon.example/users/maria",
                1,
            ),
        ],
    };
    let options = vec!["yes".to_owned(), "no".to_owned()];
    let terms = Terms {
        kind: Kind::Single,
        options: options.clone(),
        opens_at: 1_796_000_000_000,
        closes_at: 1_796_604_800_000,
        quorum_percent: 50,
        rule: Rule::Majority,
    };
    let text = ProposalText {
        id: "5f0c2a8e-budget",
        title: "Adopt the 2027 budget?",
        body: "The budget is attached to the call for the general assembly.",
        kind: Kind::Single,
        secret: false,
        options: &options,
        opens_at: terms.opens_at,
        closes_at: terms.closes_at,
        record_date: terms.opens_at,
        roll_members: roll.entries.len(),
        roll_hash: &roll.hash(),
    };
    let to: Vec<(String, String)> = roll
        .entries
        .iter()
        .map(|e| (e.voter.clone(), e.voter.clone()))
        .collect();
    if !closed {
        return question(&urls, &text, &to, None);
    }
    let ballot = |voter: &str, choice: usize| Ballot {
        activity: format!("{voter}#votes/1"),
        voter: voter.to_owned(),
        choices: vec![choice],
        received_at: 1_796_100_000_000,
        via: Via::Poll,
    };
    let ballots = [
        ballot("https://lyon.coop/actors/instance", 0),
        ballot("https://mastodon.example/users/maria", 1),
    ];
    let tally = count(&terms, &roll, &sort(&terms, &roll, &ballots));
    let counts: Vec<u64> = tally.options.iter().map(|o| o.members).collect();
    let result = serde_json::to_value(&tally).expect("JSON");
    question(
        &urls,
        &text,
        &to,
        Some((
            terms.closes_at,
            counts.as_slice(),
            tally.voted_members,
            result,
        )),
    )
}

/// rosa's second ranked ballot on a secret proposal, from her co-op's instance.
fn cast_ballot() -> Value {
    let urls = example_urls();
    let ballot = BallotText {
        question: Url::parse("https://network.example/registry/proposals/9b41d7c2-delegates")
            .expect("url"),
        choices: vec!["Amina".to_owned(), "Joseph".to_owned()],
        version: 2,
        token: Some("q3F0c2VjcmV0LXRva2VuLWZvci10aGUtZXhhbXBsZQ".to_owned()),
    };
    let rosa = Handle::parse("rosa").expect("handle");
    let prepared = outbox::cast_ballot(&urls, &rosa, registry_id().as_str(), &ballot);
    let mut value = fixed(&prepared, "2c8f4a61-ballot");
    value["object"]["id"] = Value::from("https://coop.example/ballots/0e7b9d35-rosa");
    value
}

/// The registry's actor at `network.example`, as platform co-ops see it.
fn registry_id() -> Url {
    Url::parse("https://network.example/actors/network").expect("url")
}

fn registry_actor() -> Value {
    let urls = example_urls();
    let network = actor("network", ActorKind::Registry, "network", "");
    let document = registry::registry_actor_document(
        &network,
        &urls,
        "Coop Example: membership registry",
        "z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2",
    );
    assert_eq!(network.handle, Handle::registry_actor());
    serde_json::to_value(document).expect("JSON")
}

/// The published example proof is checkable by anyone with the W3C vector's public key, at the
/// moment it was made (it expired 30 minutes later), and no longer once a field changes.
#[test]
fn the_membership_example_verifies_with_the_published_key() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("federation/examples/registry_membership.json"),
    )
    .expect("the example file");
    let document: Value = serde_json::from_str(&text).expect("JSON");
    let key = integrity::decode_public_key("z6MkrJVnaZkeFzdQyMZu1cgjg7k1pZZ6pvBQ7XJPt4swbTQ2")
        .expect("key");
    let at = |text: &str| {
        chrono::DateTime::parse_from_rfc3339(text)
            .expect("date")
            .with_timezone(&chrono::Utc)
    };
    let key_id = "https://coop.example/actors/network#ed25519-key";
    assert!(integrity::verify(&document, key_id, &key, at("2026-11-30T01:30:00Z")).is_ok());
    assert!(integrity::verify(&document, key_id, &key, at("2026-11-30T02:00:00Z")).is_err());
    let mut changed = document.clone();
    changed["status"] = Value::from("removed");
    assert!(integrity::verify(&changed, key_id, &key, at("2026-11-30T01:30:00Z")).is_err());
}

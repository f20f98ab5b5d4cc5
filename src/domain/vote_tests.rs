//! The roll, the one-vote-per-member rules and the count, on small hand-checked votes.

use super::*;
use crate::domain::registry_log::Status;
use sha2::{Digest, Sha256};

fn member(id: &str, class: &str, status: Status, representative: Option<&str>) -> Membership {
    Membership {
        member: id.to_owned(),
        class: class.to_owned(),
        status,
        serving: None,
        representative: representative.map(str::to_owned),
        since: Some(1),
        until: None,
        version: 1,
    }
}

fn weights(pairs: &[(&str, u32)]) -> BTreeMap<String, u32> {
    pairs.iter().map(|(c, w)| ((*c).to_owned(), *w)).collect()
}

/// Three members: a co-op (weight 3), an organization voting through rosa, a person.
fn roll() -> Roll {
    let members = [
        member(
            "https://a.coop/actors/instance",
            "platform_coop",
            Status::Active,
            None,
        ),
        member(
            "https://a.coop/actors/tenants",
            "organization",
            Status::Active,
            Some("https://a.coop/actors/rosa"),
        ),
        member(
            "https://masto.example/users/maria",
            "individual",
            Status::Active,
            None,
        ),
        member(
            "https://masto.example/users/late",
            "individual",
            Status::Applied,
            None,
        ),
        member(
            "https://b.coop/actors/gone",
            "organization",
            Status::Removed,
            None,
        ),
    ];
    let members = members.into_iter().map(|m| (m.member.clone(), m)).collect();
    Roll::freeze(
        &members,
        &weights(&[("platform_coop", 3), ("organization", 1), ("individual", 1)]),
    )
}

fn terms(kind: Kind, rule: Rule, options: &[&str]) -> Terms {
    Terms {
        kind,
        options: options.iter().map(|o| (*o).to_owned()).collect(),
        opens_at: 1000,
        closes_at: 2000,
        quorum_percent: 50,
        rule,
    }
}

fn ballot(activity: &str, voter: &str, choices: &[usize], at: i64, via: Via) -> Ballot {
    Ballot {
        activity: activity.to_owned(),
        voter: voter.to_owned(),
        choices: choices.to_vec(),
        received_at: at,
        via,
    }
}

const COOP: &str = "https://a.coop/actors/instance";
const ROSA: &str = "https://a.coop/actors/rosa";
const MARIA: &str = "https://masto.example/users/maria";

#[test]
fn the_roll_holds_active_members_of_weighted_classes_and_their_voters() {
    let roll = roll();
    let voters: Vec<(&str, u32)> = roll
        .entries
        .iter()
        .map(|e| (e.voter.as_str(), e.weight))
        .collect();
    assert_eq!(voters, [(COOP, 3), (ROSA, 1), (MARIA, 1)]);
    assert_eq!(roll.weight(), 5);
    assert_eq!(roll.hash().len(), 64);
    assert_eq!(
        roll.hash(),
        self::roll().hash(),
        "the same roll, the same hash"
    );
    let mut other = roll.clone();
    other.entries[2].weight = 2;
    assert_ne!(other.hash(), roll.hash());
    let members = BTreeMap::new();
    assert_eq!(
        Roll::freeze(&members, &weights(&[("individual", 1)])).weight(),
        0
    );
}

#[test]
fn only_the_roll_counts_once_per_member_between_opening_and_closing() {
    let roll = roll();
    let terms = terms(Kind::Single, Rule::Majority, &["yes", "no"]);
    let ballots = [
        ballot("early", MARIA, &[0], 999, Via::Poll),
        ballot("m1", MARIA, &[0], 1100, Via::Poll),
        ballot("m1", MARIA, &[0], 1101, Via::Poll),
        // The same vote again under a new id: still one vote.
        ballot("m1-again", MARIA, &[0], 1102, Via::Poll),
        // The organization's staff who is not its representative.
        ballot(
            "staff",
            "https://a.coop/actors/bob",
            &[1],
            1200,
            Via::Native,
        ),
        ballot(
            "stranger",
            "https://elsewhere.example/users/x",
            &[1],
            1200,
            Via::Poll,
        ),
        ballot(
            "late-joiner",
            "https://masto.example/users/late",
            &[1],
            1200,
            Via::Poll,
        ),
        ballot("rosa", ROSA, &[1], 1300, Via::Native),
        ballot("after", COOP, &[1], 2000, Via::Native),
    ];
    let sorted = sort(&terms, &roll, &ballots);
    let why = |activity: &str| {
        sorted
            .refused
            .iter()
            .find(|(a, _, _)| a == activity)
            .map(|(_, _, why)| why.clone())
    };
    assert_eq!(why("early"), Some(Refusal::NotOpenYet));
    assert_eq!(why("m1"), Some(Refusal::Duplicate));
    assert_eq!(why("staff"), Some(Refusal::NotOnRoll));
    assert_eq!(why("stranger"), Some(Refusal::NotOnRoll));
    assert_eq!(why("late-joiner"), Some(Refusal::NotOnRoll));
    assert_eq!(why("after"), Some(Refusal::Closed));
    assert_eq!(sorted.counted.len(), 2, "maria and the organization");
    assert_eq!(sorted.replaced, ["m1"]);
    let tally = count(&terms, &roll, &sorted);
    assert_eq!((tally.voted_members, tally.voted_weight), (2, 2));
    assert_eq!(tally.options[0].members, 1);
    assert!(!tally.quorum_reached, "2 of 5 weight is under half");
    assert_eq!(tally.outcome, Outcome::NoQuorum);
}

#[test]
fn a_member_changes_a_native_vote_and_mastodon_answers_make_one_ballot() {
    let roll = roll();
    let single = terms(Kind::Single, Rule::Plurality, &["a", "b", "c"]);
    let changed = sort(
        &single,
        &roll,
        &[
            ballot("1", COOP, &[0], 1100, Via::Native),
            ballot("2", COOP, &[2], 1500, Via::Native),
        ],
    );
    assert_eq!(changed.counted[COOP], [2]);
    let multiple = terms(Kind::Multiple, Rule::Plurality, &["a", "b", "c"]);
    let sorted = sort(
        &multiple,
        &roll,
        &[
            ballot("p1", MARIA, &[0], 1100, Via::Poll),
            ballot("p2", MARIA, &[2], 1100, Via::Poll),
            ballot("n1", COOP, &[1, 2], 1200, Via::Native),
        ],
    );
    assert_eq!(sorted.counted[MARIA], [0, 2]);
    let tally = count(&multiple, &roll, &sorted);
    assert_eq!(
        tally.voted_members, 2,
        "one voter per member, whatever they sent"
    );
    let weights: Vec<u64> = tally.options.iter().map(|o| o.weight).collect();
    assert_eq!(weights, [1, 3, 4]);
    assert_eq!(tally.by_class["individual"], [1, 0, 1]);
    assert!(tally.quorum_reached, "4 of 5");
    assert_eq!(tally.outcome, Outcome::Chosen { option: 2 });
}

#[test]
fn choices_that_do_not_fit_are_refused() {
    let roll = roll();
    let single = terms(Kind::Single, Rule::Majority, &["a", "b"]);
    let ranked = terms(Kind::Ranked, Rule::Majority, &["a", "b", "c"]);
    let refused = |terms: &Terms, ballot: Ballot| sort(terms, &roll, &[ballot]).refused.len();
    assert_eq!(
        refused(&single, ballot("x", COOP, &[0, 1], 1100, Via::Native)),
        1
    );
    assert_eq!(
        refused(&single, ballot("x", COOP, &[5], 1100, Via::Native)),
        1
    );
    assert_eq!(
        refused(&single, ballot("x", COOP, &[], 1100, Via::Native)),
        1
    );
    assert_eq!(
        refused(&ranked, ballot("x", MARIA, &[0], 1100, Via::Poll)),
        1,
        "no ranking from polls"
    );
    assert_eq!(
        refused(&ranked, ballot("x", COOP, &[1, 1], 1100, Via::Native)),
        1
    );
    assert_eq!(
        refused(&ranked, ballot("x", COOP, &[2, 0], 1100, Via::Native)),
        0
    );
}

#[test]
fn majorities_and_two_thirds_are_shares_of_the_weight_cast() {
    let roll = roll();
    let votes = |rule: Rule| {
        let terms = terms(Kind::Single, rule, &["yes", "no"]);
        let sorted = sort(
            &terms,
            &roll,
            &[
                ballot("c", COOP, &[0], 1100, Via::Native),
                ballot("r", ROSA, &[1], 1100, Via::Native),
                ballot("m", MARIA, &[1], 1100, Via::Poll),
            ],
        );
        count(&terms, &roll, &sorted).outcome
    };
    // yes 3, no 2: more than half, less than two thirds.
    assert_eq!(votes(Rule::Majority), Outcome::Chosen { option: 0 });
    assert_eq!(votes(Rule::TwoThirds), Outcome::NoMajority);
}

#[test]
fn consent_passes_without_a_block_and_with_more_agreement() {
    let roll = roll();
    let terms = terms(Kind::Consent, Rule::Consent, &CONSENT_OPTIONS);
    let outcome = |ballots: &[Ballot]| count(&terms, &roll, &sort(&terms, &roll, ballots)).outcome;
    assert_eq!(
        outcome(&[
            ballot("c", COOP, &[0], 1100, Via::Native),
            ballot("r", ROSA, &[2], 1100, Via::Native)
        ]),
        Outcome::Passed
    );
    assert_eq!(
        outcome(&[
            ballot("c", COOP, &[0], 1100, Via::Native),
            ballot("r", ROSA, &[3], 1100, Via::Native)
        ]),
        Outcome::Blocked,
        "one block, whatever its weight"
    );
    assert_eq!(
        outcome(&[
            ballot("c", COOP, &[1], 1100, Via::Native),
            ballot("r", ROSA, &[2], 1100, Via::Native)
        ]),
        Outcome::NotAgreed
    );
}

#[test]
fn a_ranked_majority_runs_off_the_weakest_option() {
    // Five individuals of weight 1: first preferences a 2, b 2, c 1; c's voter prefers b next.
    let members: BTreeMap<String, Membership> = (1..=5)
        .map(|n| {
            let id = format!("https://p.example/users/{n}");
            (id.clone(), member(&id, "individual", Status::Active, None))
        })
        .collect();
    let roll = Roll::freeze(&members, &weights(&[("individual", 1)]));
    let terms = terms(Kind::Ranked, Rule::Majority, &["a", "b", "c"]);
    let voter = |n: u32| format!("https://p.example/users/{n}");
    let ballots = [
        ballot("1", &voter(1), &[0, 1], 1100, Via::Native),
        ballot("2", &voter(2), &[0], 1100, Via::Native),
        ballot("3", &voter(3), &[1, 0], 1100, Via::Native),
        ballot("4", &voter(4), &[1, 2], 1100, Via::Native),
        ballot("5", &voter(5), &[2, 1], 1100, Via::Native),
    ];
    let tally = count(&terms, &roll, &sort(&terms, &roll, &ballots));
    assert_eq!(tally.rounds, [vec![2, 2, 1], vec![2, 3, 0]]);
    assert_eq!(tally.outcome, Outcome::Chosen { option: 1 });
    let plurality = terms_with(Rule::Plurality);
    let tally = count(&plurality, &roll, &sort(&plurality, &roll, &ballots));
    assert_eq!(
        tally.outcome,
        Outcome::Tie {
            options: vec![0, 1]
        }
    );
}

fn terms_with(rule: Rule) -> Terms {
    terms(Kind::Ranked, rule, &["a", "b", "c"])
}

#[test]
fn terms_that_cannot_make_a_vote_are_refused() {
    assert!(
        terms(Kind::Single, Rule::Majority, &["yes", "no"])
            .check()
            .is_ok()
    );
    assert!(
        terms(Kind::Single, Rule::Majority, &["yes"])
            .check()
            .is_err()
    );
    assert!(
        terms(Kind::Single, Rule::Majority, &["yes", "yes"])
            .check()
            .is_err()
    );
    assert!(
        terms(Kind::Multiple, Rule::Majority, &["a", "b"])
            .check()
            .is_err()
    );
    assert!(
        terms(Kind::Consent, Rule::Consent, &["yes", "no"])
            .check()
            .is_err()
    );
    assert!(
        terms(Kind::Consent, Rule::Consent, &CONSENT_OPTIONS)
            .check()
            .is_ok()
    );
    let mut backwards = terms(Kind::Single, Rule::Plurality, &["a", "b"]);
    backwards.closes_at = backwards.opens_at;
    assert!(backwards.check().is_err());
}

#[test]
fn an_account_voting_for_two_members_casts_one_ballot_for_each() {
    let members: BTreeMap<String, Membership> = [
        member(ROSA, "individual", Status::Active, None),
        member(
            "https://a.coop/actors/tenants",
            "organization",
            Status::Active,
            Some(ROSA),
        ),
    ]
    .into_iter()
    .map(|m| (m.member.clone(), m))
    .collect();
    let roll = Roll::freeze(
        &members,
        &weights(&[("organization", 1), ("individual", 1)]),
    );
    let terms = terms(Kind::Single, Rule::Plurality, &["a", "b"]);
    let sorted = sort(&terms, &roll, &[ballot("r", ROSA, &[1], 1100, Via::Poll)]);
    assert_eq!(
        sorted.counted.len(),
        2,
        "her own vote and her organization's"
    );
    assert_eq!(count(&terms, &roll, &sorted).voted_members, 2);
}

#[test]
fn poll_answers_sent_together_make_one_ballot_and_a_later_one_replaces_it() {
    let roll = roll();
    let mut terms = terms(Kind::Multiple, Rule::Plurality, &["a", "b", "c"]);
    terms.closes_at = 1_000_000;
    let sorted = sort(
        &terms,
        &roll,
        &[
            ballot("p1", MARIA, &[0], 1100, Via::Poll),
            ballot("p2", MARIA, &[1], 1100 + ANSWERS_TOGETHER_MS, Via::Poll),
            ballot("p3", MARIA, &[2], 1101 + ANSWERS_TOGETHER_MS, Via::Poll),
        ],
    );
    assert_eq!(sorted.counted[MARIA], [2], "a minute later: a new vote");
    assert_eq!(sorted.replaced, ["p1", "p2"]);
}

#[test]
fn the_roll_hash_is_that_of_its_canonical_json() {
    let roll = roll();
    let canonical = serde_json_canonicalizer::to_vec(&roll.entries).expect("JCS");
    let digest: String = Sha256::digest(canonical)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(roll.hash(), digest);
}

#[test]
fn a_secret_count_equals_the_open_count_of_the_same_ballots() {
    let roll = roll();
    // rosa for the organization (weight 1) and the co-op (weight 3) vote; maria does not.
    let ballots = [
        ballot("1", ROSA, &[1], 1100, Via::Native),
        ballot("2", COOP, &[0], 1200, Via::Native),
    ];
    for (kind, rule) in [
        (Kind::Single, Rule::Plurality),
        (Kind::Ranked, Rule::Majority),
    ] {
        let terms = terms(kind, rule, &["yes", "no"]);
        let sorted = sort(&terms, &roll, &ballots);
        let open = count(&terms, &roll, &sorted);
        let voted: BTreeSet<String> = sorted.counted.keys().cloned().collect();
        // The choices in another order than the members', as a table keyed by token gives them.
        let choices: Vec<SecretChoice> = roll
            .entries
            .iter()
            .rev()
            .filter_map(|entry| {
                Some(SecretChoice {
                    class: entry.class.clone(),
                    weight: entry.weight,
                    choices: sorted.counted.get(&entry.member)?.clone(),
                })
            })
            .collect();
        assert_eq!(count_secret(&terms, &roll, &voted, &choices), open);
        assert_eq!(open.voted_weight, 4);
        assert_eq!(open.roll_weight, 5);
        assert_eq!(open.by_class["platform_coop"], [1, 0]);
    }
}

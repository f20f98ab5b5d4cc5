//! Co-op decisions, pure: the roll frozen at the record date (who may vote for which member, with
//! what weight), which ballot counts for a member, and the tally (per option and per class,
//! turnout, quorum against the frozen roll, outcome by the rule). No storage and no clock: the
//! same roll and ballots give the same result on every machine.
//!
//! The rules, as documented in FEDERATION.md:
//! - Each active member of an eligible class at the record date is on the roll with its class's
//!   weight. Its vote is cast by its representative when it names one (organizations), else by
//!   the member's own actor (people, co-ops); any other account's ballot is not counted.
//! - A ballot counts only when received between opening and closing, from an account on the
//!   roll, with a choice valid for the proposal's kind. Polls from Mastodon carry single and
//!   multiple choice, and consent (one of its four positions); not rankings.
//! - One vote per member: a re-delivered activity is counted once; a Mastodon account's answers
//!   to a multiple-choice poll within a minute of its first are one ballot (Mastodon sends one
//!   per option); of a member's ballots, the one received last before closing counts, so a
//!   vote is changed by voting again. An account that votes for several members (a member who
//!   also represents an organization) casts the same ballot for each.

use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

use super::registry_log::Membership;

pub mod belenios;
mod secret;
mod tally;
pub use secret::{SecretChoice, count_secret};
pub use tally::{Outcome, Tally, count};

/// What is asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    /// One option.
    Single,
    /// Any number of options, at least one.
    Multiple,
    /// Agree, abstain, disagree or block (the options are those four, in that order).
    Consent,
    /// Every option at most once, in order of preference (at least one).
    Ranked,
}

stored_names!(Kind { Single => "single", Multiple => "multiple", Consent => "consent", Ranked => "ranked" });

/// The options of a consent proposal.
pub const CONSENT_OPTIONS: [&str; 4] = ["agree", "abstain", "disagree", "block"];

/// When a proposal passes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Rule {
    /// Single, multiple, ranked: the option with the most weight is chosen (a tie chooses none).
    Plurality,
    /// Single and ranked: the leading option needs more than half the weight cast for options.
    Majority,
    /// Single: the leading option needs at least two thirds of the weight cast for options.
    TwoThirds,
    /// Consent: no block, and more weight agrees than disagrees.
    Consent,
}

stored_names!(Rule { Plurality => "plurality", Majority => "majority", TwoThirds => "two_thirds", Consent => "consent" });

/// One member on the roll.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct RollEntry {
    // The fields in alphabetical order: the roll's JSON is then its RFC 8785 form.
    pub class: String,
    pub member: String,
    /// The account whose ballot is this member's.
    pub voter: String,
    pub weight: u32,
}

/// Who may vote, frozen at opening: by member, in byte order of their ids.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Roll {
    pub entries: Vec<RollEntry>,
}

impl Roll {
    /// The members active at the record date (`members`, the log replayed up to it) in the
    /// `weights`' classes with a weight above zero.
    pub fn freeze(members: &BTreeMap<String, Membership>, weights: &BTreeMap<String, u32>) -> Self {
        let entries = members
            .values()
            .filter(|m| m.status.is_member())
            .filter_map(|m| {
                let weight = *weights.get(&m.class)?;
                (weight > 0).then(|| RollEntry {
                    member: m.member.clone(),
                    class: m.class.clone(),
                    voter: m.representative.clone().unwrap_or_else(|| m.member.clone()),
                    weight,
                })
            })
            .collect();
        Self { entries }
    }

    /// The hex SHA-256 of the roll's JSON (entries in order, keys `class`, `member`, `voter`,
    /// `weight`, no whitespace: RFC 8785), published at opening and again at closing.
    pub fn hash(&self) -> String {
        let canonical = serde_json::to_vec(&self.entries).expect("a roll always serializes");
        super::registry_log::sha256_hex(&canonical)
    }

    /// The members whose ballot `voter` casts (a person who is a member and also represents an
    /// organization casts both with one ballot).
    pub fn members_of<'a>(&'a self, voter: &'a str) -> impl Iterator<Item = &'a RollEntry> {
        self.entries
            .iter()
            .filter(move |entry| entry.voter == voter)
    }

    pub fn weight(&self) -> u64 {
        self.entries
            .iter()
            .map(|entry| u64::from(entry.weight))
            .sum()
    }
}

/// A proposal's terms, as the tally needs them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Terms {
    pub kind: Kind,
    /// The option names (for consent, `CONSENT_OPTIONS`).
    pub options: Vec<String>,
    /// Milliseconds since 1970.
    pub opens_at: i64,
    pub closes_at: i64,
    /// The share of the roll's weight that must vote, in percent (0 to 100).
    pub quorum_percent: u32,
    pub rule: Rule,
}

impl Terms {
    /// Why these terms cannot make a vote, if they cannot.
    pub fn check(&self) -> Result<(), String> {
        if self.closes_at <= self.opens_at {
            return Err("a vote closes after it opens".to_owned());
        }
        if self.quorum_percent > 100 {
            return Err("a quorum is a share of the roll, from 0 to 100 percent".to_owned());
        }
        if self.kind == Kind::Consent {
            if self.options != CONSENT_OPTIONS.map(str::to_owned) {
                return Err(format!(
                    "a consent vote's options are {}",
                    CONSENT_OPTIONS.join(", ")
                ));
            }
        } else if self.options.len() < 2 {
            return Err("a vote needs at least two options".to_owned());
        }
        let names: BTreeSet<&str> = self.options.iter().map(|o| o.trim()).collect();
        if names.len() != self.options.len() || names.contains("") {
            return Err("options must be named, each differently".to_owned());
        }
        let fits = match self.kind {
            Kind::Consent => self.rule == Rule::Consent,
            Kind::Single => self.rule != Rule::Consent,
            Kind::Multiple => self.rule == Rule::Plurality,
            Kind::Ranked => matches!(self.rule, Rule::Plurality | Rule::Majority),
        };
        if fits {
            Ok(())
        } else {
            Err(format!(
                "a {} vote cannot be decided by {}",
                self.kind.as_str(),
                self.rule.as_str()
            ))
        }
    }
}

/// How a ballot reached the registry.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Via {
    /// From a Solidarity instance, any kind, changeable until closing.
    Native,
    /// A reply to the published `Question`, one per chosen option (Mastodon's way).
    Poll,
}

/// A ballot as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ballot {
    /// The activity that carried it, to count a re-delivery once.
    pub activity: String,
    /// The account that sent it.
    pub voter: String,
    /// Option indexes: one (single), several (multiple, a poll answer carries one), the
    /// preference order (ranked), or the consent position's index in `CONSENT_OPTIONS`.
    pub choices: Vec<usize>,
    pub received_at: i64,
    pub via: Via,
}

/// Why a ballot is not counted; said to its sender.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Refusal {
    NotOpenYet,
    Closed,
    /// The account votes for no member on the roll (a non-member, a member's staff who is not
    /// its representative, a member who joined after the record date).
    NotOnRoll,
    /// The choice does not fit the proposal.
    Invalid(String),
    /// The same activity again.
    Duplicate,
}

impl Refusal {
    /// What the voter is told.
    pub fn explain(&self) -> String {
        match self {
            Self::NotOpenYet => "the vote is not open yet".to_owned(),
            Self::Closed => "the vote was closed when your ballot arrived".to_owned(),
            Self::NotOnRoll => "your account votes for no member on this vote's roll (frozen at \
                                its record date); an organization votes through its representative"
                .to_owned(),
            Self::Invalid(why) => format!("your ballot does not fit the question: {why}"),
            Self::Duplicate => "this ballot was already received".to_owned(),
        }
    }
}

/// Checks `ballot`'s choice against the terms.
fn valid_choice(terms: &Terms, ballot: &Ballot) -> Result<(), Refusal> {
    let invalid = |why: &str| Err(Refusal::Invalid(why.to_owned()));
    let count = terms.options.len();
    if ballot.choices.iter().any(|&choice| choice >= count) {
        return invalid("an option that is not on the ballot");
    }
    if ballot.via == Via::Poll && terms.kind == Kind::Ranked {
        return invalid("a ranked vote takes ballots from a Solidarity instance only");
    }
    let distinct: BTreeSet<usize> = ballot.choices.iter().copied().collect();
    match (terms.kind, ballot.via, ballot.choices.len()) {
        (_, _, 0) => invalid("no option chosen"),
        (Kind::Single | Kind::Consent, _, 1) => Ok(()),
        (Kind::Single | Kind::Consent, _, _) => invalid("only one option may be chosen"),
        (Kind::Multiple | Kind::Ranked, _, n) if distinct.len() != n => {
            invalid("an option chosen twice")
        }
        (Kind::Multiple | Kind::Ranked, _, _) => Ok(()),
    }
}

/// Each member's counted ballot, and every ballot not counted with why (by activity), after
/// the rules above.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Sorted {
    /// By member: the choices that count.
    pub counted: BTreeMap<String, Vec<usize>>,
    /// Ballots refused, by activity, with the sender and why.
    pub refused: Vec<(String, String, Refusal)>,
    /// Ballots replaced by a later one of the same member (not refused: the member changed
    /// their vote), by activity.
    pub replaced: Vec<String>,
}

/// A member's ballot as it stands while sorting.
struct Held {
    /// When its first answer arrived, and when its last did.
    first_at: i64,
    received_at: i64,
    via: Via,
    voter: String,
    choices: Vec<usize>,
    /// The activities it was made of (several poll answers make one ballot).
    activities: Vec<String>,
}

/// Poll answers of one account within this long of its first make one multiple-choice ballot.
pub const ANSWERS_TOGETHER_MS: i64 = 60_000;

/// Sorts `ballots` (in the order received) under `terms` and `roll`.
pub fn sort(terms: &Terms, roll: &Roll, ballots: &[Ballot]) -> Sorted {
    let mut sorted = Sorted::default();
    let mut seen = BTreeSet::new();
    let mut latest: BTreeMap<String, Held> = BTreeMap::new();
    for ballot in ballots {
        let refuse = |why: Refusal| (ballot.activity.clone(), ballot.voter.clone(), why);
        if !seen.insert((ballot.voter.clone(), ballot.activity.clone())) {
            sorted.refused.push(refuse(Refusal::Duplicate));
            continue;
        }
        if ballot.received_at < terms.opens_at {
            sorted.refused.push(refuse(Refusal::NotOpenYet));
            continue;
        }
        if ballot.received_at >= terms.closes_at {
            sorted.refused.push(refuse(Refusal::Closed));
            continue;
        }
        let members: Vec<&RollEntry> = roll.members_of(&ballot.voter).collect();
        if members.is_empty() {
            sorted.refused.push(refuse(Refusal::NotOnRoll));
            continue;
        }
        if let Err(why) = valid_choice(terms, ballot) {
            sorted.refused.push(refuse(why));
            continue;
        }
        for entry in members {
            hold(&mut latest, &mut sorted, terms, &entry.member, ballot);
        }
    }
    sorted.counted = latest
        .into_iter()
        .map(|(member, held)| (member, held.choices))
        .collect();
    sorted
}

/// Makes `ballot` `member`'s, or part of it, or an earlier one it replaces.
fn hold(
    latest: &mut BTreeMap<String, Held>,
    sorted: &mut Sorted,
    terms: &Terms,
    member: &str,
    ballot: &Ballot,
) {
    match latest.get_mut(member) {
        // Another answer of a multiple-choice poll from the same account, sent with the first:
        // the same ballot (Mastodon sends one answer per option).
        Some(held)
            if held.via == Via::Poll
                && ballot.via == Via::Poll
                && held.voter == ballot.voter
                && terms.kind == Kind::Multiple
                && ballot.received_at - held.first_at <= ANSWERS_TOGETHER_MS =>
        {
            for &choice in &ballot.choices {
                if !held.choices.contains(&choice) {
                    held.choices.push(choice);
                }
            }
            held.received_at = ballot.received_at.max(held.received_at);
            held.activities.push(ballot.activity.clone());
        }
        Some(held) if held.received_at > ballot.received_at => {
            sorted.replaced.push(ballot.activity.clone());
        }
        _ => {
            let held = Held {
                first_at: ballot.received_at,
                received_at: ballot.received_at,
                via: ballot.via,
                voter: ballot.voter.clone(),
                choices: ballot.choices.clone(),
                activities: vec![ballot.activity.clone()],
            };
            if let Some(replaced) = latest.insert(member.to_owned(), held) {
                sorted.replaced.extend(replaced.activities);
            }
        }
    }
}

#[cfg(test)]
#[path = "vote_tests.rs"]
mod tests;

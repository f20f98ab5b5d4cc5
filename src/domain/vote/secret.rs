//! Counting a secret vote. Who voted and what was chosen are kept apart and never joined: the
//! tally gets the members who voted, and separately each counted choice with the class and
//! weight of the member it was cast for. Every choice stands in for one of the members who
//! voted, so the totals, turnout and quorum are those `count` gives when it knows who chose what.

use super::{Roll, RollEntry, Sorted, Tally, Terms, count};
use std::collections::BTreeSet;

/// One counted choice of a secret vote, without its member.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SecretChoice {
    pub class: String,
    pub weight: u32,
    pub choices: Vec<usize>,
}

/// Counts a secret vote on `roll`: `voted` are the members who voted, `choices` their counted
/// choices in any order (one per member who voted).
pub fn count_secret(
    terms: &Terms,
    roll: &Roll,
    voted: &BTreeSet<String>,
    choices: &[SecretChoice],
) -> Tally {
    // The roll with each voter replaced by an anonymous stand-in who chose one of the choices.
    let mut entries: Vec<RollEntry> = roll
        .entries
        .iter()
        .filter(|entry| !voted.contains(&entry.member))
        .cloned()
        .collect();
    let mut sorted = Sorted::default();
    for (index, choice) in choices.iter().enumerate() {
        let stand_in = format!("#{index}");
        entries.push(RollEntry {
            class: choice.class.clone(),
            member: stand_in.clone(),
            voter: stand_in.clone(),
            weight: choice.weight,
        });
        sorted.counted.insert(stand_in, choice.choices.clone());
    }
    count(terms, &Roll { entries }, &sorted)
}

//! The count: weight per option and per class, turnout and quorum against the frozen roll, and
//! the outcome by the proposal's rule (instant run-off for ranked majorities).

use super::{Kind, Roll, Rule, Sorted, Terms};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What a vote decided.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "outcome")]
pub enum Outcome {
    /// Fewer members voted than the quorum asks: nothing is decided.
    NoQuorum,
    /// This option (its index) is chosen.
    Chosen { option: usize },
    /// Several options lead with the same weight: none is chosen.
    Tie { options: Vec<usize> },
    /// No option reached the share the rule asks.
    NoMajority,
    /// Consent: no block, more agree than disagree.
    Passed,
    /// Consent: a block.
    Blocked,
    /// Consent: as much or more disagreement than agreement.
    NotAgreed,
}

/// One option's total.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OptionTotal {
    pub name: String,
    /// Members whose counted ballot chose it (for ranked: first preferences).
    pub members: u64,
    /// Their weight.
    pub weight: u64,
}

/// The published result.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Tally {
    pub options: Vec<OptionTotal>,
    /// By class: members per option (same order as `options`).
    pub by_class: BTreeMap<String, Vec<u64>>,
    pub voted_members: u64,
    pub voted_weight: u64,
    pub roll_members: u64,
    pub roll_weight: u64,
    pub quorum_reached: bool,
    /// Ranked: the weight of each option still running, round by round.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rounds: Vec<Vec<u64>>,
    pub outcome: Outcome,
}

/// Counts the sorted ballots of a vote on `roll` under `terms`.
pub fn count(terms: &Terms, roll: &Roll, sorted: &Sorted) -> Tally {
    let options = terms.options.len();
    let mut totals = vec![(0_u64, 0_u64); options];
    let mut by_class: BTreeMap<String, Vec<u64>> = BTreeMap::new();
    let (mut voted_members, mut voted_weight) = (0, 0);
    let mut ranked = Vec::new();
    for entry in &roll.entries {
        let Some(choices) = sorted.counted.get(&entry.member) else {
            continue;
        };
        let weight = u64::from(entry.weight);
        voted_members += 1;
        voted_weight += weight;
        let counted: &[usize] = if terms.kind == Kind::Ranked {
            ranked.push((weight, choices.clone()));
            &choices[..1]
        } else {
            choices
        };
        let class = by_class
            .entry(entry.class.clone())
            .or_insert_with(|| vec![0; options]);
        for &choice in counted {
            totals[choice].0 += 1;
            totals[choice].1 += weight;
            class[choice] += 1;
        }
    }
    let roll_weight = roll.weight();
    let quorum_reached = u128::from(voted_weight) * 100
        >= u128::from(terms.quorum_percent) * u128::from(roll_weight);
    let weights: Vec<u64> = totals.iter().map(|total| total.1).collect();
    let mut rounds = Vec::new();
    let outcome = if !quorum_reached {
        Outcome::NoQuorum
    } else {
        match (terms.kind, terms.rule) {
            (Kind::Consent, _) => consent(&weights),
            (Kind::Ranked, Rule::Majority) => {
                rounds = run_off(options, &ranked);
                majority(rounds.last().map_or(&weights, |last| last), 1, 2)
            }
            (_, Rule::Majority) => majority(&weights, 1, 2),
            (_, Rule::TwoThirds) => majority(&weights, 2, 3),
            _ => plurality(&weights),
        }
    };
    Tally {
        options: terms
            .options
            .iter()
            .zip(totals)
            .map(|(name, (members, weight))| OptionTotal {
                name: name.clone(),
                members,
                weight,
            })
            .collect(),
        by_class,
        voted_members,
        voted_weight,
        roll_members: roll.entries.len() as u64,
        roll_weight,
        quorum_reached,
        rounds,
        outcome,
    }
}

/// The options with the most weight.
fn leaders(weights: &[u64]) -> Vec<usize> {
    let most = weights.iter().copied().max().unwrap_or(0);
    (0..weights.len()).filter(|&i| weights[i] == most).collect()
}

fn plurality(weights: &[u64]) -> Outcome {
    match leaders(weights).as_slice() {
        _ if weights.iter().all(|&w| w == 0) => Outcome::NoMajority,
        [one] => Outcome::Chosen { option: *one },
        many => Outcome::Tie {
            options: many.to_vec(),
        },
    }
}

/// The leading option needs more than `num/den` of the weight cast (two thirds: at least).
fn majority(weights: &[u64], num: u64, den: u64) -> Outcome {
    let cast: u64 = weights.iter().sum();
    let leading = leaders(weights);
    match leading.as_slice() {
        [one] => {
            let share = u128::from(weights[*one]) * u128::from(den);
            let needed = u128::from(cast) * u128::from(num);
            let enough = if den == 2 {
                share > needed
            } else {
                share >= needed
            };
            if cast > 0 && enough {
                Outcome::Chosen { option: *one }
            } else {
                Outcome::NoMajority
            }
        }
        _ => Outcome::NoMajority,
    }
}

fn consent(weights: &[u64]) -> Outcome {
    let (agree, disagree, block) = (weights[0], weights[2], weights[3]);
    if block > 0 {
        Outcome::Blocked
    } else if agree > disagree {
        Outcome::Passed
    } else {
        Outcome::NotAgreed
    }
}

/// Instant run-off: each ballot counts for its most preferred option still running; while no
/// option has more than half the weight of the ballots still counting, the option with the
/// least weight is dropped (of several, the one listed last), until all those left tie. Each
/// round's weights, by option (dropped ones at 0).
fn run_off(options: usize, ballots: &[(u64, Vec<usize>)]) -> Vec<Vec<u64>> {
    let mut running = vec![true; options];
    let mut rounds = Vec::new();
    loop {
        let mut weights = vec![0_u64; options];
        for (weight, preferences) in ballots {
            if let Some(&choice) = preferences.iter().find(|&&choice| running[choice]) {
                weights[choice] += weight;
            }
        }
        let cast: u64 = weights.iter().sum();
        let top = weights.iter().copied().max().unwrap_or(0);
        rounds.push(weights.clone());
        let still: Vec<usize> = (0..options).filter(|&i| running[i]).collect();
        if cast == 0 || top * 2 > cast || still.len() <= 1 {
            return rounds;
        }
        let least = still.iter().map(|&i| weights[i]).min().unwrap_or(0);
        // The options still running all tie: dropping one would decide by listing order.
        if least == top {
            return rounds;
        }
        if let Some(&dropped) = still.iter().rev().find(|&&i| weights[i] == least) {
            running[dropped] = false;
        }
    }
}

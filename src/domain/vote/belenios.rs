//! A proposal exported for Belenios (belenios.org), for a vote that must stay secret from the
//! registry's operators too: Belenios encrypts each ballot and lets anyone verify the tally.
//! The export is the two files its setup reads: the voter list (`address,login,weight` per line:
//! the account that votes, the member it votes for, the member's weight; a person who also
//! represents an organization has a line for each) and the election template (the question,
//! by kind: one choice, several, or a ranking as a non-homomorphic question).

use super::{Kind, Roll, Terms};
use serde_json::{Value, json};

/// The voter list: one line per member on the frozen roll, in the roll's order.
pub fn voters_file(roll: &Roll) -> String {
    roll.entries
        .iter()
        .map(|entry| format!("{},{},{}\n", entry.voter, entry.member, entry.weight))
        .collect()
}

/// The election template: `name` the proposal's title, `description` its text with the roll's
/// hash (so the two elections can be matched), one question with the options.
pub fn template(
    title: &str,
    body: &str,
    terms: &Terms,
    roll_hash: &str,
    administrator: &str,
) -> Value {
    let question = match terms.kind {
        Kind::Ranked => json!({
            "type": "NonHomomorphic",
            "value": {"question": title, "answers": terms.options},
        }),
        Kind::Multiple => json!({
            "question": title, "answers": terms.options, "min": 1, "max": terms.options.len(),
        }),
        Kind::Single | Kind::Consent => json!({
            "question": title, "answers": terms.options, "min": 1, "max": 1,
        }),
    };
    let mut description = body.trim().to_owned();
    if !description.is_empty() {
        description.push_str("\n\n");
    }
    description.push_str(&format!("Roll SHA-256: {roll_hash}"));
    json!({
        "name": title,
        "description": description,
        "questions": [question],
        "administrator": administrator,
        "credential_authority": administrator,
    })
}

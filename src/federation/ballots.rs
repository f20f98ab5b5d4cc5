//! Native ballots on the wire, and proposals as a member's server reads them.
//!
//! A person votes from their own Solidarity instance with a `Create{Ballot}` addressed to the
//! registry actor alone: `inReplyTo` the proposal's `Question`, `choices` the option names in
//! order (a ranking's order of preference), `ballotVersion` counting up from 1 with each change
//! (only a newer version replaces what the registry holds), and for a secret vote the
//! `ballotToken` (a random string only the voter's server knows, the same in every version:
//! the registry keeps the choice under its hash, apart from who voted). The registry never
//! fetches a ballot: it trusts the embedded object only when its id is on the sender's origin.
//!
//! The other way, a member's server keeps the registry's `Question` (`proposalKind`,
//! `ballotOptions`, `secret`, `rollHash`, `endTime`, and `result` once closed) as a ballot paper
//! for each of its people it mentions.

use super::inbound::{ContentObject, same_origin};
use super::protocol::context::{ACTIVITYSTREAMS, SOLIDARITY_NS};
use super::protocol::lenient::addressees;
use super::sanitize::{clean_html, plain_text};
use crate::domain::vote::Kind;
use serde_json::{Value, json};
use url::Url;

/// The most options a paper may list, and the longest option name.
const MAX_OPTIONS: usize = 64;
const MAX_OPTION_CHARS: usize = 200;

/// What a native ballot says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BallotText {
    pub question: Url,
    /// Option names, in order.
    pub choices: Vec<String>,
    pub version: i64,
    /// For a secret vote.
    pub token: Option<String>,
}

fn context() -> Value {
    json!([ACTIVITYSTREAMS, {
        "sol": SOLIDARITY_NS,
        "Ballot": "sol:Ballot",
        "choices": { "@id": "sol:choices", "@container": "@list" },
        "ballotVersion": "sol:ballotVersion",
        "ballotToken": "sol:ballotToken"
    }])
}

/// The `Create{Ballot}` activity `activity` by `voter` to `registry`, carrying ballot `id`.
pub fn ballot_activity(
    activity: &Url,
    id: &Url,
    voter: &Url,
    registry: &str,
    ballot: &BallotText,
) -> Value {
    let mut object = json!({
        "id": id,
        "type": "Ballot",
        "attributedTo": voter,
        "inReplyTo": ballot.question,
        "choices": ballot.choices,
        "ballotVersion": ballot.version,
        "to": [registry],
    });
    if let Some(token) = &ballot.token {
        object["ballotToken"] = json!(token);
    }
    json!({
        "@context": context(),
        "id": activity,
        "type": "Create",
        "actor": voter,
        "to": [registry],
        "object": object,
    })
}

/// Reads a received `Ballot` sent by `sender`: its id must be on the sender's origin (the
/// registry keeps ballots apart by it) and it must be the sender's.
pub fn read_ballot(object: &ContentObject, sender: &Url) -> Result<BallotText, String> {
    if object.kind != "Ballot" {
        return Err(format!("a {} is no ballot", object.kind));
    }
    if !same_origin(&object.id, sender) || !object.is_by(sender.as_str()) {
        return Err("a ballot is its sender's own, on its sender's server".to_owned());
    }
    let question = object
        .in_reply_to
        .clone()
        .ok_or("a ballot answers a proposal (inReplyTo)")?;
    let choices = match object.json.get("choices") {
        Some(Value::Array(items)) if items.len() <= MAX_OPTIONS => items
            .iter()
            .map(|item| item.as_str().map(str::to_owned))
            .collect::<Option<Vec<_>>>()
            .ok_or("choices are option names")?,
        Some(Value::String(one)) => vec![one.clone()],
        _ => return Err("a ballot lists its choices".to_owned()),
    };
    let version = object
        .json
        .get("ballotVersion")
        .and_then(Value::as_i64)
        .filter(|v| *v >= 1)
        .ok_or("a ballot has a ballotVersion from 1")?;
    let token = match object.json.get("ballotToken") {
        None | Some(Value::Null) => None,
        Some(Value::String(token)) if (16..=128).contains(&token.len()) => Some(token.clone()),
        Some(_) => return Err("a ballotToken is a string of 16 to 128 characters".to_owned()),
    };
    Ok(BallotText {
        question,
        choices,
        version,
        token,
    })
}

/// A proposal as a member's server keeps it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paper {
    pub question: Url,
    pub title: String,
    /// Sanitised HTML.
    pub body: String,
    pub kind: Kind,
    pub options: Vec<String>,
    pub secret: bool,
    pub roll_hash: String,
    pub opens_at: i64,
    pub closes_at: i64,
    /// The tally, once closed.
    pub result: Option<Value>,
    /// Everyone it names (`to`, `cc`).
    pub addressees: Vec<String>,
}

fn millis(document: &Value, field: &str) -> Option<i64> {
    chrono::DateTime::parse_from_rfc3339(document.get(field)?.as_str()?)
        .ok()
        .map(|t| t.timestamp_millis())
}

/// Reads the registry's `Question` sent by `registry`: `None` when it is no proposal of a
/// registry (an ordinary poll), an error when it is one but unusable.
pub fn read_paper(object: &ContentObject, registry: &Url) -> Option<Result<Paper, String>> {
    let document = &object.json;
    if object.kind != "Question" || document.get("rollHash").is_none() {
        return None;
    }
    Some(paper(object, registry, document))
}

fn paper(object: &ContentObject, registry: &Url, document: &Value) -> Result<Paper, String> {
    if !same_origin(&object.id, registry) || !object.is_by(registry.as_str()) {
        return Err("a proposal is its registry's own, on its registry's server".to_owned());
    }
    let kind = document
        .get("proposalKind")
        .and_then(Value::as_str)
        .and_then(Kind::from_stored)
        .ok_or("a proposal names its kind (proposalKind)")?;
    let options: Vec<String> = document
        .get("ballotOptions")
        .and_then(Value::as_array)
        .filter(|items| (2..=MAX_OPTIONS).contains(&items.len()))
        .and_then(|items| {
            items
                .iter()
                .map(|item| item.as_str().map(|name| plain_text(name, MAX_OPTION_CHARS)))
                .collect()
        })
        .ok_or("a proposal lists 2 to 64 options by name (ballotOptions)")?;
    let roll_hash = document
        .get("rollHash")
        .and_then(Value::as_str)
        .filter(|hash| hash.len() == 64 && hash.bytes().all(|b| b.is_ascii_hexdigit()))
        .ok_or("a proposal's rollHash is a hex SHA-256")?;
    Ok(Paper {
        question: object.id.clone(),
        title: plain_text(object.name.as_deref().unwrap_or_default(), 300),
        body: clean_html(object.content.as_deref().unwrap_or_default()),
        kind,
        options,
        secret: document.get("secret").and_then(Value::as_bool) == Some(true),
        roll_hash: roll_hash.to_owned(),
        opens_at: millis(document, "published").ok_or("a proposal has a published time")?,
        closes_at: millis(document, "endTime").ok_or("a proposal has an endTime")?,
        result: document
            .get("closed")
            .and_then(|_| document.get("result"))
            .cloned(),
        addressees: addressees(document),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> Url {
        Url::parse(text).expect("url")
    }

    #[test]
    fn a_ballot_reads_back_as_sent_and_only_from_its_own_server() {
        let voter = url("https://a.coop/actors/rosa");
        let ballot = BallotText {
            question: url("https://network.example/registry/proposals/1"),
            choices: vec!["b".to_owned(), "a".to_owned()],
            version: 3,
            token: Some("0123456789abcdef0123".to_owned()),
        };
        let activity = ballot_activity(
            &url("https://a.coop/activities/1"),
            &url("https://a.coop/ballots/1"),
            &voter,
            "https://network.example/actors/network",
            &ballot,
        );
        let object = ContentObject::parse(activity["object"].clone()).expect("parsed");
        assert_eq!(read_ballot(&object, &voter), Ok(ballot));
        let elsewhere = url("https://b.coop/actors/rosa");
        assert!(
            read_ballot(&object, &elsewhere).is_err(),
            "not b.coop's ballot"
        );
        let mut unversioned = activity["object"].clone();
        unversioned["ballotVersion"] = json!(0);
        let object = ContentObject::parse(unversioned).expect("parsed");
        assert!(read_ballot(&object, &voter).is_err());
    }
}

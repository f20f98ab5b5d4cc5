//! The registry's proposals on the wire: a `Question` every Mastodon client can answer (`oneOf`
//! for single choice and consent, `anyOf` for multiple choice), naming the frozen roll's hash;
//! at closing the same `Question` again, with the counted members per option, `votersCount`,
//! `closed` and the whole tally (`result`); and the direct note that tells a voter why their
//! ballot was not counted.

use super::notes::rfc3339;
use super::protocol::context::{ACTIVITYSTREAMS, PUBLIC, SOLIDARITY_NS};
use super::urls::Urls;
use crate::domain::Handle;
use crate::domain::vote::Kind;
use serde_json::{Value, json};

/// What the `Question` says of a proposal.
#[derive(Debug)]
pub struct ProposalText<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub body: &'a str,
    pub kind: Kind,
    /// Choices kept apart from voters: native ballots only.
    pub secret: bool,
    pub options: &'a [String],
    pub opens_at: i64,
    pub closes_at: i64,
    pub record_date: i64,
    pub roll_members: usize,
    pub roll_hash: &'a str,
}

/// The voters, as `(actor id, @user@host)`, addressed and mentioned so their servers show it.
pub type Addressees = [(String, String)];

fn context() -> Value {
    json!([ACTIVITYSTREAMS, {
        "toot": "http://joinmastodon.org/ns#",
        "votersCount": "toot:votersCount",
        "sol": SOLIDARITY_NS,
        "rollHash": "sol:rollHash",
        "proposalKind": "sol:proposalKind",
        "ballotOptions": { "@id": "sol:ballotOptions", "@container": "@list" },
        "secret": "sol:secret",
        "recordDate": "sol:recordDate",
        "result": { "@id": "sol:result", "@type": "@json" }
    }])
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The `Question`: with no counts while open; with `counts` (members per option), the voters'
/// number and the `result` once closed at `closed`.
pub fn question(
    urls: &Urls,
    text: &ProposalText<'_>,
    to: &Addressees,
    closed: Option<(i64, &[u64], u64, Value)>,
) -> Value {
    let how = if answerable(text) {
        "Answering this poll counts as your vote: your choice is visible to your server and ours."
    } else if text.secret {
        "This vote is secret: cast your ballot from a Solidarity instance."
    } else {
        "This vote ranks the options: cast your ballot from a Solidarity instance."
    };
    let content = format!(
        "<p>{}</p>{}<p>{how}</p><p>Roll: {} members at {}, SHA-256 {}</p>",
        escape(text.title),
        text.body
            .split("\n\n")
            .filter(|p| !p.trim().is_empty())
            .map(|p| format!("<p>{}</p>", escape(p.trim())))
            .collect::<String>(),
        text.roll_members,
        rfc3339(text.record_date),
        text.roll_hash
    );
    let options: Vec<Value> = text
        .options
        .iter()
        .enumerate()
        .map(|(index, name)| {
            let total = closed.as_ref().map_or(0, |(_, counts, _, _)| counts[index]);
            json!({"type": "Note", "name": name, "replies": {"type": "Collection", "totalItems": total}})
        })
        .collect();
    let mut document = json!({
        "@context": context(),
        "id": urls.proposal(text.id),
        "type": "Question",
        "attributedTo": urls.actor(&Handle::registry_actor()),
        "name": text.title,
        "content": content,
        "published": rfc3339(text.opens_at),
        "endTime": rfc3339(text.closes_at),
        "votersCount": closed.as_ref().map_or(0, |(_, _, voters, _)| *voters),
        "recordDate": rfc3339(text.record_date),
        "rollHash": text.roll_hash,
        "proposalKind": text.kind.as_str(),
        "ballotOptions": text.options,
        "secret": text.secret,
        "to": [PUBLIC],
        "cc": to.iter().map(|(id, _)| id.clone()).collect::<Vec<_>>(),
        "tag": to.iter().map(|(id, name)| json!({"type": "Mention", "href": id, "name": name})).collect::<Vec<_>>(),
    });
    if answerable(text) {
        let field = if text.kind == Kind::Multiple {
            "anyOf"
        } else {
            "oneOf"
        };
        document[field] = Value::Array(options);
    }
    if let Some((at, _, _, result)) = closed {
        document["closed"] = json!(rfc3339(at));
        document["result"] = result;
    }
    document
}

/// Whether Mastodon's poll answers can carry the vote: not for a ranking nor a secret vote,
/// whose `Question` then has no `oneOf` or `anyOf` (clients show no poll).
pub fn answerable(text: &ProposalText<'_>) -> bool {
    text.kind != Kind::Ranked && !text.secret
}

/// A direct note from the registry to `voter` (`mention` is `@user@host`) saying `message`;
/// its id is the carrying activity's, with a fragment.
pub fn direct_note(
    urls: &Urls,
    activity: &url::Url,
    voter: &str,
    mention: &str,
    message: &str,
) -> Value {
    json!({
        "id": format!("{activity}#note"),
        "type": "Note",
        "attributedTo": urls.actor(&Handle::registry_actor()),
        "content": format!("<p>{} {}</p>", escape(mention), escape(message)),
        "to": [voter],
        "tag": [{"type": "Mention", "href": voter, "name": mention}],
    })
}

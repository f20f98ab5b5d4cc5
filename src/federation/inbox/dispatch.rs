//! Parsing a received activity into the one enum the processor dispatches on, by its `type`.

use crate::federation::protocol::{Follow, FollowAnswer, ObjectActivity, Undo};
use serde_json::Value;

/// A received activity we act on, or one we knowingly ignore.
#[derive(Clone, Debug, PartialEq)]
pub enum Inbound {
    Follow(Follow),
    Accept(FollowAnswer),
    Reject(FollowAnswer),
    Undo(Undo),
    Create(ObjectActivity),
    Update(ObjectActivity),
    Delete(ObjectActivity),
    Announce(ObjectActivity),
    /// A type we do not handle (yet): answered 202 and dropped.
    Ignored(String),
}

/// Why a received document could not be read as an activity.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum ParseError {
    #[error("the activity has no type")]
    NoType,
    #[error("malformed {kind}: {message}")]
    Malformed { kind: String, message: String },
}

/// Reads `json` as an activity.
pub fn parse_activity(json: &Value) -> Result<Inbound, ParseError> {
    let kind = match json.get("type") {
        Some(Value::String(kind)) => kind.clone(),
        // JSON-LD allows a list of types; the first ActivityStreams one decides.
        Some(Value::Array(kinds)) => kinds
            .iter()
            .find_map(Value::as_str)
            .ok_or(ParseError::NoType)?
            .to_owned(),
        _ => return Err(ParseError::NoType),
    };
    let malformed = |e: serde_json::Error| ParseError::Malformed {
        kind: kind.clone(),
        message: e.to_string(),
    };
    let parsed = match kind.as_str() {
        "Follow" => Inbound::Follow(serde_json::from_value(json.clone()).map_err(malformed)?),
        "Accept" | "Reject" => {
            let answer: FollowAnswer = match serde_json::from_value(json.clone()) {
                Ok(answer) => answer,
                // An Accept of something other than a Follow (Mobilizon's Join answers, say).
                Err(_) => return Ok(Inbound::Ignored(format!("{kind} of a non-Follow"))),
            };
            if kind == "Accept" {
                Inbound::Accept(answer)
            } else {
                Inbound::Reject(answer)
            }
        }
        "Undo" => Inbound::Undo(serde_json::from_value(json.clone()).map_err(malformed)?),
        "Create" | "Update" | "Delete" | "Announce" => {
            let activity: ObjectActivity =
                serde_json::from_value(json.clone()).map_err(malformed)?;
            match kind.as_str() {
                "Create" => Inbound::Create(activity),
                "Update" => Inbound::Update(activity),
                "Delete" => Inbound::Delete(activity),
                _ => Inbound::Announce(activity),
            }
        }
        _ => Inbound::Ignored(kind),
    };
    Ok(parsed)
}

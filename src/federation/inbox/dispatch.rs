//! Parsing a received activity into the one enum the processor dispatches on, by its `type`.

use crate::federation::protocol::lenient::{IdOrObject, id_of};
use crate::federation::protocol::{
    CampaignAdd, CampaignInvite, EventResponse, Flag, Follow, FollowAnswer, MembershipOffer,
    ObjectActivity, Participation, ParticipationType, Undo,
};
use serde_json::Value;
use url::Url;

/// What an `Undo` takes back. Only an embedded object says what it was; an Undo naming its
/// object by id alone is not tracked (nobody we federate with sends one for these).
#[derive(Clone, Debug, PartialEq)]
pub enum Undone {
    Follow(Box<Follow>),
    /// A `Join`, or an RSVP answer (Friendica's `Accept`, `TentativeAccept`, `Reject`), of the
    /// event or action with this id.
    Participation(Url),
    /// Something else, or a Follow we cannot read: why, for the log.
    Other(String),
}

impl Undone {
    fn of(object: &IdOrObject<Value>) -> Self {
        let IdOrObject::Object(object) = object else {
            return Self::Other("Undo of an object given only by id".to_owned());
        };
        match object.get("type").and_then(Value::as_str) {
            Some("Follow") => match serde_json::from_value::<Follow>(object.clone()) {
                Ok(follow) => Self::Follow(Box::new(follow)),
                Err(e) => Self::Other(format!("unreadable Follow in Undo: {e}")),
            },
            Some("Join" | "Accept" | "TentativeAccept" | "Reject") => {
                match object.get("object").and_then(id_of) {
                    Some(id) => Self::Participation(id),
                    None => Self::Other("Undo of an answer without a readable object".to_owned()),
                }
            }
            _ => Self::Other("Undo of something we do not track".to_owned()),
        }
    }
}

/// A received activity we act on, or one we knowingly ignore.
#[derive(Clone, Debug, PartialEq)]
pub enum Inbound {
    Follow(Follow),
    Accept(FollowAnswer),
    Reject(FollowAnswer),
    /// The Undo as received, and what it takes back, read from its object.
    Undo(Undo, Undone),
    Create(ObjectActivity),
    Update(ObjectActivity),
    Delete(ObjectActivity),
    Announce(ObjectActivity),
    /// `Join` or `Leave` of an event or action.
    Participation(Participation),
    /// Friendica's RSVP, or an Accept/Reject whose object is not a Follow.
    EventResponse(EventResponse),
    /// A campaign elsewhere asking to include one of our events or actions, or a co-host
    /// adding its own to one of our campaigns.
    Add(CampaignAdd),
    /// A campaign elsewhere inviting one of our organizations to co-host it.
    Invite(CampaignInvite),
    /// A report about our accounts or content.
    Flag(Flag),
    /// A platform co-op reporting one of its organizations to our registry.
    Offer(MembershipOffer),
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
        "Accept" | "Reject" if !embeds_non_follow(json) => {
            // An answer whose object we cannot read is not ours to handle: 202 and dropped.
            let Ok(answer) = serde_json::from_value::<FollowAnswer>(json.clone()) else {
                return Ok(Inbound::Ignored(format!(
                    "{kind} of something we cannot read"
                )));
            };
            if kind == "Accept" {
                Inbound::Accept(answer)
            } else {
                Inbound::Reject(answer)
            }
        }
        // Friendica's RSVP (of an Event), or an answer to something other than a Follow, such
        // as Mobilizon's Accept of a Join: the processor looks at what the object is.
        "Accept" | "Reject" | "TentativeAccept" | "Ignore" => {
            Inbound::EventResponse(serde_json::from_value(json.clone()).map_err(malformed)?)
        }
        // Other `Add`s (Mobilizon's resources, featured collections) are not ours to handle.
        "Add" => match serde_json::from_value::<CampaignAdd>(json.clone()) {
            Ok(add) => Inbound::Add(add),
            Err(_) => Inbound::Ignored("Add".to_owned()),
        },
        // Mobilizon's group invitations parse too; the service tells them apart.
        "Invite" => match serde_json::from_value::<CampaignInvite>(json.clone()) {
            Ok(invite) => Inbound::Invite(invite),
            Err(_) => Inbound::Ignored("Invite".to_owned()),
        },
        "Flag" => Inbound::Flag(serde_json::from_value(json.clone()).map_err(malformed)?),
        // Only the registry's membership offers are ours; other Offers (Lemmy's, Mobilizon's)
        // are not handled.
        "Offer" => match serde_json::from_value::<MembershipOffer>(json.clone()) {
            Ok(offer) => Inbound::Offer(offer),
            Err(_) => Inbound::Ignored("Offer".to_owned()),
        },
        "Join" | "Leave" => {
            let participation: Participation =
                serde_json::from_value(json.clone()).map_err(malformed)?;
            debug_assert!(matches!(
                participation.kind,
                ParticipationType::Join | ParticipationType::Leave
            ));
            Inbound::Participation(participation)
        }
        "Undo" => {
            let undo: Undo = serde_json::from_value(json.clone()).map_err(malformed)?;
            let undone = Undone::of(&undo.object);
            Inbound::Undo(undo, undone)
        }
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

/// Whether the activity embeds an object that is not a Follow (an Event, a Join...).
fn embeds_non_follow(json: &Value) -> bool {
    json.get("object")
        .and_then(|object| object.get("type"))
        .is_some_and(|kind| kind.as_str() != Some("Follow"))
}

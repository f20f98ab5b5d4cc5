//! Building the activities we send. Each gets a fresh id under `/activities/{uuid}` that
//! dereferences to the stored JSON, and goes to the store together with the change it reports.

use super::protocol::context::{ACTIVITYSTREAMS, PUBLIC};
use super::protocol::lenient::IdOrObject;
use super::protocol::{
    AnswerType, Follow, FollowAnswer, FollowType, JoinAnswer, JoinAnswerType, Note, ObjectActivity,
    ObjectActivityType, Participation, ParticipationType, PublishedObject, Question, Tombstone,
    TombstoneType, Undo, UndoType,
};
use super::urls::Urls;
use crate::db::{NewActivity, Recipients, Reply};
use crate::domain::Handle;
use serde::Serialize;
use serde_json::Value;
use url::Url;

mod accounts;
mod campaigns;
mod registry;
mod reports;

pub use accounts::{delete_actor, update_actor};
pub use campaigns::{
    accept_add, accept_invite, campaign_add, cohost_add, delete_campaign, invite_cohost,
    undo_announce,
};
pub use registry::{
    cast_ballot, direct_note, join_registry, offer_membership, proposal_activity, update_membership,
};
pub use reports::flag;

/// An activity ready to be stored and delivered.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub id: String,
    pub ap_id: Url,
    pub kind: &'static str,
    /// The object the activity carries, when it is one of ours.
    pub object: Option<Url>,
    /// Addressed to the public (a direct message is not).
    pub public: bool,
    pub json: String,
}

impl Prepared {
    fn new(
        urls: &Urls,
        kind: &'static str,
        build: impl FnOnce(Url) -> Result<String, serde_json::Error>,
    ) -> Self {
        let id = uuid::Uuid::new_v4().to_string();
        let ap_id = urls.activity(&id);
        let json = build(ap_id.clone()).expect("our wire types always serialize");
        Self {
            id,
            ap_id,
            kind,
            object: None,
            public: true,
            json,
        }
    }

    fn about(mut self, object: &Url) -> Self {
        self.object = Some(object.clone());
        self
    }

    /// Not public: its id answers only a signed fetch by one of its addressees or by their
    /// server's instance actor (see `objects::readable_by`).
    fn private(mut self) -> Self {
        self.public = false;
        self
    }

    /// The store's view of this activity, sent by `local_actor_id` to its own followers.
    pub fn to_followers(&self, local_actor_id: i64) -> Reply<'_> {
        self.reply(local_actor_id, Recipients::FollowersOf(local_actor_id))
    }

    /// The store's view of this activity, sent by `local_actor_id` to `recipients`.
    pub fn reply(&self, local_actor_id: i64, recipients: Recipients) -> Reply<'_> {
        Reply {
            activity: NewActivity {
                id: &self.id,
                ap_id: self.ap_id.as_str(),
                local_actor_id,
                kind: self.kind,
                object_ap_id: self.object.as_ref().map(Url::as_str),
                public: self.public,
                json: &self.json,
            },
            recipients,
        }
    }
}

fn context() -> Value {
    Value::String(ACTIVITYSTREAMS.to_owned())
}

/// ActivityStreams plus Mastodon's `votersCount`, which polls carry.
fn question_context() -> Value {
    serde_json::json!([
        ACTIVITYSTREAMS,
        {"toot": "http://joinmastodon.org/ns#", "votersCount": "toot:votersCount"}
    ])
}

fn to_json(value: &impl Serialize) -> Result<String, serde_json::Error> {
    serde_json::to_string(value)
}

/// `Accept{Follow}` from the followed local actor, embedding the Follow as received.
pub fn accept_follow(urls: &Urls, local: &Handle, follow: &Follow) -> Prepared {
    answer_follow(urls, local, follow, AnswerType::Accept)
}

/// `Accept` or `Reject` of a Follow by the followed local actor, embedding the Follow, so that
/// peers match it by id without fetching it.
pub fn answer_follow(urls: &Urls, local: &Handle, follow: &Follow, kind: AnswerType) -> Prepared {
    let label = match kind {
        AnswerType::Accept => "Accept",
        AnswerType::Reject => "Reject",
    };
    Prepared::new(urls, label, |id| {
        let mut embedded = follow.clone();
        embedded.context = Value::Null;
        to_json(&FollowAnswer {
            context: context(),
            id,
            kind,
            actor: urls.actor(local),
            object: IdOrObject::Object(embedded),
        })
    })
}

/// `Follow` of a remote actor by a local one.
pub fn follow(urls: &Urls, local: &Handle, target: &Url) -> Prepared {
    Prepared::new(urls, "Follow", |id| {
        to_json(&Follow {
            context: context(),
            id,
            kind: FollowType::Follow,
            actor: urls.actor(local),
            object: target.clone(),
        })
    })
}

/// `Undo{Follow}`, embedding the original Follow.
pub fn undo_follow(urls: &Urls, local: &Handle, follow_id: &Url, target: &Url) -> Prepared {
    Prepared::new(urls, "Undo", |id| {
        let original = Follow {
            context: Value::Null,
            id: follow_id.clone(),
            kind: FollowType::Follow,
            actor: urls.actor(local),
            object: target.clone(),
        };
        to_json(&Undo {
            context: context(),
            id,
            kind: UndoType::Undo,
            actor: urls.actor(local),
            object: IdOrObject::Object(serde_json::to_value(original)?),
        })
    })
}

fn object_activity_label(kind: ObjectActivityType) -> &'static str {
    match kind {
        ObjectActivityType::Create => "Create",
        ObjectActivityType::Update => "Update",
        ObjectActivityType::Delete => "Delete",
        ObjectActivityType::Announce => "Announce",
    }
}

/// `Create` or `Update` of a public event or action, with the object's context (Mobilizon's
/// terms and ours) on the activity, so JSON-LD processors read the embedded object's terms.
pub fn object_activity<T: PublishedObject>(
    urls: &Urls,
    kind: ObjectActivityType,
    object: &T,
) -> Prepared {
    Prepared::new(urls, object_activity_label(kind), |id| {
        let mut embedded = object.clone();
        let context = embedded.take_context();
        to_json(&ObjectActivity {
            context,
            id,
            kind,
            actor: object.attributed_to().clone(),
            object: IdOrObject::Object(serde_json::to_value(embedded)?),
            to: object.to().to_vec(),
            cc: object.cc().to_vec(),
            published: object.stamp().cloned(),
        })
    })
    .about(object.id())
}

/// `Accept`, `Reject` or `Ignore` of a `Join`, from the host, to the joiner, embedding the Join.
pub fn answer_join(
    urls: &Urls,
    host: &Handle,
    join: &Participation,
    kind: JoinAnswerType,
) -> Prepared {
    let mut embedded = join.clone();
    embedded.context = Value::Null;
    // The answer's id is served to anyone; the participant's message and consent are for the
    // organizers only, and the joiner matches its Join by id.
    embedded.participation_message = None;
    embedded.consent_to_contact = None;
    join_answer(
        urls,
        host,
        IdOrObject::Object(embedded),
        join.actor.as_str(),
        kind,
    )
}

fn join_answer(
    urls: &Urls,
    host: &Handle,
    join: IdOrObject<Participation>,
    joiner: &str,
    kind: JoinAnswerType,
) -> Prepared {
    let label = match kind {
        JoinAnswerType::Accept => "Accept",
        JoinAnswerType::Reject => "Reject",
        JoinAnswerType::Ignore => "Ignore",
    };
    Prepared::new(urls, label, |id| {
        to_json(&JoinAnswer {
            context: context(),
            id,
            kind,
            actor: urls.actor(host),
            to: vec![joiner.to_owned()],
            object: join,
        })
    })
}

/// What a participant tells the host with a `Join`: a comment, and (for actions) whether the
/// host may contact them.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ParticipationNote {
    pub message: Option<String>,
    pub consent_to_contact: Option<bool>,
}

/// `Join` (or `Leave`) of a remote event or action by a local actor, addressed to its host, in
/// the shape Mobilizon sends.
pub fn participation(
    urls: &Urls,
    local: &Handle,
    kind: ParticipationType,
    object: &Url,
    host: &Url,
    note: ParticipationNote,
) -> Prepared {
    let label = match kind {
        ParticipationType::Join => "Join",
        ParticipationType::Leave => "Leave",
    };
    Prepared::new(urls, label, |id| {
        to_json(&Participation {
            context: context(),
            id,
            kind,
            actor: urls.actor(local),
            object: object.clone(),
            participation_message: note.message,
            consent_to_contact: note.consent_to_contact,
            to: vec![host.to_string()],
        })
    })
    .private()
}

/// `Accept` or `Reject` of a Join known by its id (an organizer's later decision).
pub fn answer_join_by_id(
    urls: &Urls,
    host: &Handle,
    join_id: &Url,
    joiner: &str,
    kind: JoinAnswerType,
) -> Prepared {
    join_answer(urls, host, IdOrObject::Id(join_id.clone()), joiner, kind)
}

/// `Announce` by a campaign of one of its items, in both forms peers read: `object` is either
/// the item's original `Create` (FEP-1b12 groups, Lemmy) or the item's id (Mastodon, which
/// shows it as a boost).
pub fn announce(urls: &Urls, campaign: &Handle, item: &Url, object: IdOrObject<Value>) -> Prepared {
    Prepared::new(urls, "Announce", |id| {
        to_json(&ObjectActivity {
            context: context(),
            id,
            kind: ObjectActivityType::Announce,
            actor: urls.actor(campaign),
            object,
            to: vec![PUBLIC.to_owned()],
            cc: vec![urls.followers(campaign).to_string()],
            published: None,
        })
    })
    .about(item)
}

/// `Create{Question}`: a private poll to the one actor it mentions.
pub fn create_question(urls: &Urls, question: &Question) -> Prepared {
    Prepared::new(urls, "Create", |id| {
        let mut embedded = question.clone();
        embedded.context = Value::Null;
        to_json(&ObjectActivity {
            context: question_context(),
            id,
            kind: ObjectActivityType::Create,
            actor: question.attributed_to.clone(),
            object: IdOrObject::Object(serde_json::to_value(embedded)?),
            to: question.to.clone(),
            cc: Vec::new(),
            published: question.published.clone(),
        })
    })
    .about(&question.id)
    .private()
}

/// `Create`, `Update` of a public note, addressed like Mastodon's public posts.
pub fn note_activity(urls: &Urls, kind: ObjectActivityType, note: &Note) -> Prepared {
    let label = object_activity_label(kind);
    Prepared::new(urls, label, |id| {
        let mut embedded = note.clone();
        embedded.context = Value::Null;
        to_json(&ObjectActivity {
            context: context(),
            id,
            kind,
            actor: note.attributed_to.clone(),
            object: IdOrObject::Object(serde_json::to_value(embedded)?),
            to: note.to.clone(),
            cc: note.cc.clone(),
            published: note.updated.clone().or_else(|| note.published.clone()),
        })
    })
    .about(&note.id)
}

/// `Delete` of a note, carrying its Tombstone.
pub fn delete_note(urls: &Urls, local: &Handle, note_id: &Url) -> Prepared {
    delete_object(urls, local, note_id, "Note")
}

/// `Delete` of one of our objects (`former_type` Note, Event, Page...), carrying its Tombstone.
pub fn delete_object(urls: &Urls, local: &Handle, object_id: &Url, former_type: &str) -> Prepared {
    let note_id = object_id;
    Prepared::new(urls, "Delete", |id| {
        let tombstone = Tombstone {
            context: Value::Null,
            id: note_id.clone(),
            kind: TombstoneType::Tombstone,
            former_type: Some(former_type.to_owned()),
            deleted: None,
        };
        to_json(&ObjectActivity {
            context: context(),
            id,
            kind: ObjectActivityType::Delete,
            actor: urls.actor(local),
            object: IdOrObject::Object(serde_json::to_value(tombstone)?),
            to: vec![PUBLIC.to_owned()],
            cc: vec![urls.followers(local).to_string()],
            published: None,
        })
    })
    .about(note_id)
}

//! The activities of campaigns and the organizations they gather: `Add` of an item (to its host,
//! or by a co-host to the campaign), `Invite` to co-host, `Accept` of either, and the `Delete` of
//! a campaign. None is
//! public: only their addressees' servers may fetch them again.

use super::{Prepared, context, to_json};
use crate::domain::Handle;
use crate::federation::protocol::context::PUBLIC;
use crate::federation::protocol::lenient::IdOrObject;
use crate::federation::protocol::{
    AddType, AnswerType, CampaignAdd, CampaignAnswer, CampaignInvite, InviteType, ObjectActivity,
    ObjectActivityType, Undo, UndoType,
};
use crate::federation::urls::Urls;
use serde_json::Value;
use url::Url;

/// `Add` of `object` to the campaign, sent to the object's `host` to ask for its consent.
pub fn campaign_add(urls: &Urls, campaign: &Handle, object: &Url, host: &Url) -> Prepared {
    Prepared::new(urls, "Add", |id| {
        to_json(&CampaignAdd {
            context: context(),
            id,
            kind: AddType::Add,
            actor: urls.actor(campaign),
            object: object.clone(),
            target: urls.actor(campaign),
            to: vec![host.to_string()],
        })
    })
    .private()
}

/// `Add` of the co-hosting organization's own `object` to the `campaign` elsewhere.
pub fn cohost_add(urls: &Urls, organization: &Handle, object: &Url, campaign: &Url) -> Prepared {
    Prepared::new(urls, "Add", |id| {
        to_json(&CampaignAdd {
            context: context(),
            id,
            kind: AddType::Add,
            actor: urls.actor(organization),
            object: object.clone(),
            target: campaign.clone(),
            to: vec![campaign.to_string()],
        })
    })
    .private()
}

/// `Accept` of a campaign's `Add` by the organization hosting the object, embedding the Add.
pub fn accept_add(urls: &Urls, host: &Handle, add: &CampaignAdd) -> Prepared {
    Prepared::new(urls, "Accept", |id| {
        let mut embedded = add.clone();
        embedded.context = Value::Null;
        to_json(&CampaignAnswer {
            context: context(),
            id,
            kind: AnswerType::Accept,
            actor: urls.actor(host),
            to: vec![add.actor.to_string()],
            object: IdOrObject::Object(embedded),
        })
    })
    .private()
}

/// `Invite` of `organization` (elsewhere) to co-host the campaign.
pub fn invite_cohost(urls: &Urls, campaign: &Handle, organization: &Url) -> Prepared {
    Prepared::new(urls, "Invite", |id| {
        to_json(&CampaignInvite {
            context: context(),
            id,
            kind: InviteType::Invite,
            actor: urls.actor(campaign),
            object: urls.actor(campaign),
            target: organization.clone(),
            to: vec![organization.to_string()],
        })
    })
    .private()
}

/// `Accept` of a campaign's `Invite` by the invited organization, embedding the Invite.
pub fn accept_invite(urls: &Urls, organization: &Handle, invite: &CampaignInvite) -> Prepared {
    Prepared::new(urls, "Accept", |id| {
        let mut embedded = invite.clone();
        embedded.context = Value::Null;
        to_json(&CampaignAnswer {
            context: context(),
            id,
            kind: AnswerType::Accept,
            actor: urls.actor(organization),
            to: vec![invite.actor.to_string()],
            object: IdOrObject::Object(embedded),
        })
    })
    .private()
}

/// `Delete` of the campaign's own actor, to its followers, as Mastodon deletes an account.
pub fn delete_campaign(urls: &Urls, campaign: &Handle) -> Prepared {
    Prepared::new(urls, "Delete", |id| {
        to_json(&ObjectActivity {
            context: context(),
            id,
            kind: ObjectActivityType::Delete,
            actor: urls.actor(campaign),
            object: IdOrObject::Id(urls.actor(campaign)),
            to: vec![PUBLIC.to_owned()],
            cc: vec![urls.followers(campaign).to_string()],
            published: None,
        })
    })
}

/// `Undo` of one of the campaign's Announces (`announce` as it was sent), when an item leaves it.
pub fn undo_announce(urls: &Urls, campaign: &Handle, mut announce: Value) -> Prepared {
    if let Some(map) = announce.as_object_mut() {
        map.remove("@context");
    }
    Prepared::new(urls, "Undo", |id| {
        to_json(&Undo {
            context: context(),
            id,
            kind: UndoType::Undo,
            actor: urls.actor(campaign),
            object: IdOrObject::Object(announce),
        })
    })
}

//! Co-hosts: organizations that host a campaign with its organization. An owner or admin of the
//! hosting organization invites one, here (no activity) or on another instance (an `Invite`
//! from the campaign); an owner or admin of the invited organization accepts (elsewhere, an
//! `Accept{Invite}` answers). A co-host's members then add items and post updates, and its items
//! join the campaign without asking again: here at once, elsewhere because its instance
//! answers the campaign's `Add` by itself.

use crate::db::{DbCampaign, DbCohost, DbRemoteActor, DbUser, Recipients, Store};
use crate::domain::Handle;
use crate::federation::context::Federation;
use crate::federation::inbound::authority;
use crate::federation::outbox;
use crate::federation::protocol::{CampaignInvite, InviteType};
use crate::federation::urls::Urls;
use crate::service::ServiceError;
use crate::service::blocks::refuse_blocked;
use crate::state::AppState;
use url::Url;

fn parsed(text: &str) -> Result<Url, ServiceError> {
    Url::parse(text).map_err(|e| ServiceError::Internal(format!("a stored id: {e}")))
}

/// An invitation to co-host, as the invited organization sees it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CohostInvitation {
    /// The campaign's actor id.
    pub campaign: String,
    /// `pending` or `accepted`.
    pub state: String,
}

/// The campaign `handle`, for a change by an owner or admin of its organization.
async fn hosted_by_manager(
    store: &Store,
    user: &DbUser,
    handle: &Handle,
) -> Result<DbCampaign, ServiceError> {
    let campaign = super::by_handle(store, handle).await?;
    crate::service::orgs::as_manager(store, user, &campaign.organization_handle).await?;
    Ok(campaign)
}

/// The remote organization `name` names: `name@host` (WebFinger) or its actor id.
async fn remote_organization(
    store: &Store,
    federation: &Federation,
    name: &str,
) -> Result<DbRemoteActor, ServiceError> {
    let id = if name.starts_with("https://") || name.starts_with("http://") {
        Url::parse(name).map_err(|e| ServiceError::Invalid {
            field: "organization",
            message: format!("not a URL: {e}"),
        })?
    } else {
        let (_, host) = crate::federation::resolve::split_handle(name)?;
        refuse_blocked(store, host).await?;
        federation.webfinger(name).await?
    };
    refuse_blocked(store, &authority(&id)).await?;
    let actor = federation.refresh_actor(store, &id).await?;
    if actor.kind != "Group" {
        return Err(ServiceError::Invalid {
            field: "organization",
            message: format!("{name} is a {}, not an organization", actor.kind),
        });
    }
    Ok(actor)
}

/// An owner or admin of the campaign's organization invites `organization` to co-host: a local
/// handle, `name@host`, or an actor id elsewhere (which receives an `Invite`).
pub async fn invite_cohost(
    app: &AppState,
    user: &DbUser,
    handle: &Handle,
    organization: &str,
) -> Result<Vec<DbCohost>, ServiceError> {
    let store = &app.store;
    let federation = &app.federation;
    let campaign = hosted_by_manager(store, user, handle).await?;
    let urls = federation.urls();
    let name = organization.trim().trim_start_matches('@');
    // `name@our.host` and our own actor ids are ours; other ids and `name@host` are elsewhere.
    let ours = format!("@{}", urls.authority());
    let name = name.strip_suffix(ours.as_str()).unwrap_or(name);
    let local = if name.contains("://") {
        Url::parse(name)
            .ok()
            .and_then(|url| urls.local_handle(&url))
    } else if name.contains('@') {
        None
    } else {
        Some(Handle::parse(name).map_err(|_| ServiceError::Invalid {
            field: "organization",
            message: format!("'{name}' is not a handle, name@host or actor id"),
        })?)
    };
    if let Some(local) = local {
        let org = crate::service::orgs::named(store, &local).await?;
        if org.id == campaign.organization_id {
            return Err(ServiceError::Invalid {
                field: "organization",
                message: format!("'{local}' already hosts the campaign"),
            });
        }
        store
            .invite_cohost(campaign.id, urls.actor(&local).as_str(), None)
            .await?;
    } else {
        let actor = remote_organization(store, federation, name).await?;
        let invite = outbox::invite_cohost(urls, handle, &parsed(&actor.ap_id)?);
        store
            .invite_cohost(
                campaign.id,
                &actor.ap_id,
                Some(&invite.reply(campaign.actor_id, Recipients::inbox_of(&actor))),
            )
            .await?;
    }
    Ok(store.campaign_cohosts(campaign.id).await?)
}

/// The invitations to co-host that `org` received, here and from elsewhere; owners and admins.
pub async fn cohost_invitations(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
) -> Result<Vec<CohostInvitation>, ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let organization = crate::service::orgs::as_manager(store, user, org).await?;
    let mut list = Vec::new();
    for cohost in store.cohostings_of(urls.actor(org).as_str()).await? {
        let campaign = store.campaign_by_id(cohost.campaign_id).await?;
        list.push(CohostInvitation {
            campaign: urls.actor(&campaign.handle).to_string(),
            state: if cohost.state == "accepted" {
                "accepted"
            } else {
                "pending"
            }
            .to_owned(),
        });
    }
    for invitation in store.cohost_invitations_of(organization.id).await? {
        list.push(CohostInvitation {
            campaign: invitation.campaign_ap_id,
            state: invitation.state,
        });
    }
    Ok(list)
}

/// An owner or admin of `org` accepts to co-host `campaign`: here at once, elsewhere with an
/// `Accept{Invite}` to the campaign.
pub async fn accept_cohost_invitation(
    app: &AppState,
    user: &DbUser,
    org: &Handle,
    campaign: &Url,
) -> Result<(), ServiceError> {
    let store = &app.store;
    let urls = app.urls();
    let organization = crate::service::orgs::as_manager(store, user, org).await?;
    let missing = || ServiceError::NotFound(format!("no invitation from {campaign} for '{org}'"));
    if let Some(handle) = urls.local_handle(campaign) {
        let local = super::by_handle(store, &handle).await?;
        let invited = store
            .campaign_cohosts(local.id)
            .await?
            .into_iter()
            .any(|c| c.organization_ap_id == urls.actor(org).as_str() && c.invite_ap_id.is_none());
        if !invited {
            return Err(missing());
        }
        store
            .accept_cohost(local.id, urls.actor(org).as_str())
            .await?;
        return Ok(());
    }
    let invitation = store
        .cohost_invitations_of(organization.id)
        .await?
        .into_iter()
        .find(|i| i.campaign_ap_id == campaign.as_str())
        .ok_or_else(missing)?;
    let remote = store
        .remote_actor_by_ap_id(&invitation.campaign_ap_id)
        .await?;
    let invite = CampaignInvite {
        context: serde_json::Value::Null,
        id: parsed(&invitation.invite_ap_id)?,
        kind: InviteType::Invite,
        actor: campaign.clone(),
        object: campaign.clone(),
        target: urls.actor(org),
        to: Vec::new(),
    };
    let accept = outbox::accept_invite(urls, org, &invite);
    store
        .accept_cohost_invitation(
            campaign.as_str(),
            organization.id,
            &accept.reply(organization.actor_id, Recipients::inbox_of(&remote)),
        )
        .await?;
    Ok(())
}

/// An `Invite` of one of our organizations to co-host a campaign elsewhere: kept for its owners
/// and admins, or answered again when they already accepted. Whether it was one (only the
/// campaign invites for itself).
pub async fn receive_invite(
    store: &Store,
    urls: &Urls,
    sender: &DbRemoteActor,
    invite: &CampaignInvite,
) -> Result<bool, ServiceError> {
    if invite.actor.as_str() != sender.ap_id || invite.object != invite.actor {
        return Ok(false);
    }
    let Some(org) = urls.local_handle(&invite.target) else {
        return Ok(false);
    };
    let Ok(organization) = store.organization_by_handle(&org).await else {
        return Ok(false);
    };
    store
        .add_cohost_invitation(&sender.ap_id, organization.id, invite.id.as_str())
        .await?;
    // Invited again after accepting: our Accept was lost on the way, so it goes again.
    if store
        .cohosts_elsewhere(&sender.ap_id, organization.id)
        .await?
    {
        let accept = outbox::accept_invite(urls, &org, invite);
        store
            .accept_cohost_invitation(
                &sender.ap_id,
                organization.id,
                &accept.reply(organization.actor_id, Recipients::inbox_of(sender)),
            )
            .await?;
    }
    Ok(true)
}

/// The invited organization's `Accept` (or `Reject`) of our `Invite` `request`. Whether it
/// answered one of ours.
pub async fn receive_invite_answer(
    store: &Store,
    sender: &DbRemoteActor,
    request: &Url,
    answer: super::CampaignAnswerKind,
) -> Result<bool, ServiceError> {
    let Some(cohost) = store
        .cohost_by_invite(request.as_str(), &sender.ap_id)
        .await?
    else {
        return Ok(false);
    };
    if answer == super::CampaignAnswerKind::Accept {
        store
            .accept_cohost(cohost.campaign_id, &cohost.organization_ap_id)
            .await?;
    } else if answer == super::CampaignAnswerKind::Reject {
        // Declined: forgotten, so it may be invited again later.
        store
            .remove_invited_cohost(cohost.campaign_id, &cohost.organization_ap_id)
            .await?;
    }
    Ok(true)
}

/// The local organizations that accepted to co-host the campaign.
pub(super) async fn local_cohosts(
    store: &Store,
    urls: &Urls,
    campaign: &DbCampaign,
) -> Result<Vec<Handle>, ServiceError> {
    Ok(store
        .campaign_cohosts(campaign.id)
        .await?
        .into_iter()
        .filter(|c| c.state == "accepted")
        .filter_map(|c| urls.local_handle(&Url::parse(&c.organization_ap_id).ok()?))
        .collect())
}

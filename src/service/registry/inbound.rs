//! What platform co-ops ask of the registry over ActivityPub: a co-op applies (`Join` of the
//! registry's actor by its instance actor) or leaves (`Leave`), and reports one of its
//! organizations (`Offer` of a `Membership`). An active platform co-op vouches for what it
//! reports: the organization is approved at once, by the co-op (the author of both entries),
//! but only for actors on the co-op's own server (FEP-fe34: one origin cannot speak for another)
//! and never over the administrators' removal or rejection (then it only applies again).

use super::{ChangeRequest, ORGANIZATION, PLATFORM_COOP, record, software_only};
use crate::db::DbRemoteActor;
use crate::domain::Handle;
use crate::domain::registry_log::{Change, Entry, Status};
use crate::federation::protocol::MembershipOffer;
use crate::service::ServiceError;
use crate::state::AppState;
use url::Url;

/// Whether `target` is the registry's actor here.
fn is_registry(app: &AppState, target: &Url) -> bool {
    *target == app.urls().actor(&Handle::registry_actor())
}

fn not_registry(target: &Url) -> ServiceError {
    ServiceError::NotFound(format!("{target} is not this registry's actor"))
}

/// Only an instance actor speaks for a platform co-op.
fn instance_actor(sender: &DbRemoteActor) -> Result<(), ServiceError> {
    if sender.kind == "Application" {
        Ok(())
    } else {
        Err(ServiceError::Forbidden(format!(
            "{} is a {}, not a server's instance actor: people apply on the registry's page",
            sender.ap_id, sender.kind
        )))
    }
}

/// A platform co-op applies: its instance actor `Join`s the registry's actor.
pub async fn receive_join(
    app: &AppState,
    sender: &DbRemoteActor,
    target: &Url,
) -> Result<Entry, ServiceError> {
    software_only(app)?;
    if !is_registry(app, target) {
        return Err(not_registry(target));
    }
    instance_actor(sender)?;
    let request = ChangeRequest {
        member: sender.ap_id.clone(),
        class: Some(PLATFORM_COOP.to_owned()),
        reason: "applied from its instance actor".to_owned(),
        ..ChangeRequest::default()
    };
    record(app, &sender.ap_id, Change::Applied, request).await
}

/// A member leaves: the `Leave` of the registry's actor by the member itself.
pub async fn receive_leave(
    app: &AppState,
    sender: &DbRemoteActor,
    target: &Url,
) -> Result<Entry, ServiceError> {
    software_only(app)?;
    if !is_registry(app, target) {
        return Err(not_registry(target));
    }
    let request = ChangeRequest {
        member: sender.ap_id.clone(),
        reason: "left by its own Leave".to_owned(),
        ..ChangeRequest::default()
    };
    record(app, &sender.ap_id, Change::Left, request).await
}

/// An active platform co-op reports one of its organizations, with its representative.
pub async fn receive_offer(
    app: &AppState,
    sender: &DbRemoteActor,
    offer: &MembershipOffer,
) -> Result<Entry, ServiceError> {
    software_only(app)?;
    if !is_registry(app, &offer.target) {
        return Err(not_registry(&offer.target));
    }
    instance_actor(sender)?;
    let coop = app.store.registry_member(&sender.ap_id).await?;
    if !coop.is_some_and(|coop| coop.class == PLATFORM_COOP && coop.status.is_member()) {
        return Err(ServiceError::Forbidden(format!(
            "{} is no active platform co-op of the network: only those report organizations",
            sender.ap_id
        )));
    }
    let origin = Url::parse(&sender.ap_id)
        .map_err(|e| ServiceError::Internal(e.to_string()))?
        .origin();
    let member = &offer.object.member;
    for actor in std::iter::once(member).chain(offer.object.representative.as_ref()) {
        if actor.origin() != origin {
            return Err(ServiceError::Forbidden(format!(
                "{actor} is not on {}'s server: a platform co-op reports only its own actors",
                sender.ap_id
            )));
        }
    }
    if member.as_str() == sender.ap_id {
        return Err(ServiceError::Invalid {
            field: "member",
            message: "a platform co-op applies for itself with a Join".to_owned(),
        });
    }
    let request = |reason: &str| ChangeRequest {
        member: member.to_string(),
        class: Some(ORGANIZATION.to_owned()),
        serving: Some(sender.ap_id.clone()),
        representative: offer.object.representative.as_ref().map(Url::to_string),
        reason: reason.to_owned(),
    };
    let current = app.store.registry_member(member.as_str()).await?;
    let (apply, approve) = (
        request("reported by its platform co-op"),
        request("vouched for by its platform co-op"),
    );
    let author = &sender.ap_id;
    match current.as_ref().map(|m| (m.status, m.serving.as_deref())) {
        // Removed or rejected by the registry's administrators: they decide again.
        Some((Status::Removed | Status::Rejected, _)) => {
            record(app, author, Change::Applied, apply).await
        }
        // Reported before, and the approval did not go through (a retried Offer).
        Some((Status::Applied, Some(serving))) if serving == author.as_str() => {
            record(app, author, Change::Approved, approve).await
        }
        _ => {
            record(app, author, Change::Applied, apply).await?;
            record(app, author, Change::Approved, approve).await
        }
    }
}

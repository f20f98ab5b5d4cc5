//! Individuals anywhere in the fediverse, Mastodon included, apply with their address on the
//! registry's page and confirm from that account by following the registry's actor: the
//! `Follow`, signed by their server, is the proof that the account asked (FEP-fe34: a claim about
//! another server's actor needs that actor's own word). No confirmation, no entry in the log.

use super::{ChangeRequest, record, software_only};
use crate::db::DbRemoteActor;
use crate::domain::registry_log::{Change, Entry};
use crate::service::ServiceError;
use crate::state::AppState;

/// The class of individual members.
pub const INDIVIDUAL: &str = "individual";
/// How long an application waits for its confirming `Follow`.
pub const CONFIRM_WITHIN_DAYS: i64 = 7;

/// An application waiting for its confirmation.
#[derive(Debug)]
pub struct Pending {
    /// The applicant's actor id.
    pub actor: String,
    /// The address as typed, normalised (`user@host`).
    pub address: String,
    /// Until when (ms) the `Follow` confirms it.
    pub expires_at: i64,
}

fn invalid(message: String) -> ServiceError {
    ServiceError::Invalid {
        field: "address",
        message,
    }
}

/// Records that the account at `address` (`user@host`, with or without a leading `@`) asks to
/// join, until it confirms by following the registry's actor.
pub async fn apply_individual(app: &AppState, address: &str) -> Result<Pending, ServiceError> {
    software_only(app)?;
    let address = address.trim().trim_start_matches('@').to_owned();
    if !address.contains('@') {
        return Err(invalid(format!(
            "'{address}' is not a fediverse address: type it as name@server"
        )));
    }
    let url = app
        .federation
        .webfinger(&address)
        .await
        .map_err(|e| invalid(format!("no account '{address}' could be found: {e}")))?;
    let actor = app.federation.actor(&app.store, &url).await?;
    if actor.kind != "Person" {
        return Err(invalid(format!(
            "{address} is a {}, not a person's account: organizations join through their \
             platform co-op",
            actor.kind
        )));
    }
    if let Some(member) = app.store.registry_member(&actor.ap_id).await?
        && (member.status.is_member() || member.status.as_str() == "applied")
    {
        return Err(ServiceError::Conflict(format!(
            "{address} is already {} in the registry",
            if member.status.is_member() {
                "a member"
            } else {
                "an applicant"
            }
        )));
    }
    let expires_at = app.now() + CONFIRM_WITHIN_DAYS * 24 * 3_600_000;
    app.store
        .keep_registry_application(&actor.ap_id, &address, expires_at)
        .await?;
    Ok(Pending {
        actor: actor.ap_id,
        address,
        expires_at,
    })
}

/// `sender` followed the registry's actor: when they applied on the page and have not let the
/// application expire, the application enters the log, authored by them.
pub async fn confirm_by_follow(
    app: &AppState,
    sender: &DbRemoteActor,
) -> Result<Option<Entry>, ServiceError> {
    software_only(app)?;
    let store = &app.store;
    let Some(address) = store.registry_application(&sender.ap_id, app.now()).await? else {
        return Ok(None);
    };
    let request = ChangeRequest {
        member: sender.ap_id.clone(),
        class: Some(INDIVIDUAL.to_owned()),
        reason: format!("applied as {address}; confirmed by following the registry"),
        ..ChangeRequest::default()
    };
    // Forgotten only once recorded: a retried Follow still finds it.
    let entry = record(app, &sender.ap_id, Change::Applied, request).await?;
    store.forget_registry_application(&sender.ap_id).await?;
    Ok(Some(entry))
}

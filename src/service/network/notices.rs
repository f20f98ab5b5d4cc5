//! The registry's word on a member, as a platform co-op takes it: a `Membership` document whose
//! `eddsa-jcs-2022` proof verifies with the registry's key, that is the registry's own (see
//! `federation::registry::read_membership`), unexpired, and not older than the version kept.
//! It may come from the registry (its `Update`), from anyone relaying it, or from the registry
//! when asked again before the kept one expires.

use super::{RegistryActor, joined, reread_registry};
use crate::db::{DbNetworkMembership, DbRemoteActor};
use crate::federation::integrity::{self, IntegrityError};
use crate::federation::registry::{MEMBERSHIP_PROOF_MINUTES, ReadMembership, read_membership};
use crate::service::ServiceError;
use crate::state::AppState;
use serde_json::Value;

/// Why a document was not taken.
enum Refusal {
    Proof(IntegrityError),
    Document(String),
}

impl Refusal {
    fn into_error(self) -> ServiceError {
        ServiceError::Forbidden(match self {
            Self::Proof(error) => format!("the membership's proof: {error}"),
            Self::Document(why) => format!("the membership document: {why}"),
        })
    }
}

fn check(
    app: &AppState,
    registry: &RegistryActor,
    document: &Value,
) -> Result<(ReadMembership, i64), Refusal> {
    let key = integrity::decode_public_key(&registry.key_multibase).map_err(Refusal::Proof)?;
    let now = chrono::DateTime::from_timestamp_millis(app.now()).unwrap_or_default();
    let verified =
        integrity::verify(document, &registry.key_id, &key, now).map_err(Refusal::Proof)?;
    let read = read_membership(registry, document).map_err(Refusal::Document)?;
    let expires = verified
        .expires
        .as_deref()
        .and_then(|text| chrono::DateTime::parse_from_rfc3339(text).ok())
        .map(|at| at.timestamp_millis())
        .ok_or_else(|| Refusal::Document("its proof never expires".to_owned()))?;
    // However long the registry says, a word is relied on for the lifetime we document.
    let expires = expires.min(app.now() + MEMBERSHIP_PROOF_MINUTES * 60_000);
    Ok((read, expires))
}

async fn keep(
    app: &AppState,
    read: ReadMembership,
    expires_at: i64,
    document: &Value,
) -> Result<DbNetworkMembership, ServiceError> {
    let membership = DbNetworkMembership {
        member: read.member,
        class: read.class,
        status: read.status,
        serving: read.serving,
        representative: read.representative,
        version: read.version,
        expires_at,
        document: document.to_string(),
        received_at: app.now(),
    };
    if !app.store.keep_network_membership(&membership).await? {
        return Err(ServiceError::Conflict(format!(
            "the registry said something newer about {} than this version {} (or the same, \
             valid longer)",
            membership.member, membership.version
        )));
    }
    tracing::info!(member = %membership.member, status = %membership.status,
        version = membership.version, "network membership kept");
    Ok(membership)
}

/// A membership document received from `sender` (the registry's `Update`, or a relayed copy).
/// A copy whose proof expired on the way is asked for again when the registry itself sent it.
pub async fn receive_membership(
    app: &AppState,
    sender: &DbRemoteActor,
    document: &Value,
) -> Result<DbNetworkMembership, ServiceError> {
    let registry = joined(app).await.map_err(|_| {
        ServiceError::Forbidden("this instance is in no network: it takes no memberships".into())
    })?;
    match check(app, &registry, document) {
        Ok((read, expires)) => keep(app, read, expires, document).await,
        Err(Refusal::Proof(IntegrityError::Expired(_))) if sender.ap_id == registry.id.as_str() => {
            let member = document
                .get("member")
                .and_then(Value::as_str)
                .unwrap_or_default();
            refresh_membership(app, member).await
        }
        // The registry may have a new key: read its actor again, once.
        Err(Refusal::Proof(IntegrityError::WrongKey { .. } | IntegrityError::BadSignature))
            if sender.ap_id == registry.id.as_str() =>
        {
            let registry = reread_registry(app).await?;
            let (read, expires) = check(app, &registry, document).map_err(Refusal::into_error)?;
            keep(app, read, expires, document).await
        }
        Err(refusal) => Err(refusal.into_error()),
    }
}

/// Asks the registry for its word on `member` now.
pub async fn refresh_membership(
    app: &AppState,
    member: &str,
) -> Result<DbNetworkMembership, ServiceError> {
    let registry = joined(app).await?;
    let mut url = registry.memberships.clone();
    url.query_pairs_mut().append_pair("member", member);
    let fetched = app.federation.fetch_signed(&app.store, &url).await?;
    let (read, expires) = check(app, &registry, &fetched.json).map_err(Refusal::into_error)?;
    if read.member != member {
        return Err(ServiceError::Unavailable(format!(
            "the registry answered about {} when asked about {member}",
            read.member
        )));
    }
    keep(app, read, expires, &fetched.json).await
}

/// Refreshes the active memberships of this instance and of its organizations whose proof
/// expires within `within_ms` (others' come as the registry sends them); how many were
/// refreshed. A registry that cannot be reached leaves them to expire (the mark disappears).
pub async fn refresh_expiring(app: &AppState, within_ms: i64) -> Result<usize, ServiceError> {
    if super::registry(app).await?.is_none() {
        return Ok(0);
    }
    let own = app.urls().actor(&crate::domain::Handle::instance_actor());
    let due = app
        .store
        .network_memberships_expiring(own.as_str(), app.now().saturating_add(within_ms), 500)
        .await?;
    let mut refreshed = 0;
    for member in due {
        match refresh_membership(app, &member).await {
            Ok(_) => refreshed += 1,
            Err(error) => tracing::warn!(%member, %error, "cannot refresh a network membership"),
        }
    }
    Ok(refreshed)
}

//! The registry's actor (`network@domain`, a `Group`): created with its keys when the software
//! co-op's instance starts, it signs every membership document the registry serves or sends
//! (`eddsa-jcs-2022`, valid for `MEMBERSHIP_PROOF_MINUTES`), and sends the registry's word on a
//! member, as it changes, to the member and to every active platform co-op.

use super::software_only;
use crate::db::{DbAssertionKey, DbError, DbLocalActor, Recipients, Store};
use crate::domain::registry_log::Membership;
use crate::domain::{ActorKind, Handle, InstanceRole};
use crate::federation::integrity::{self, ProofOptions};
use crate::federation::notes::rfc3339;
use crate::federation::outbox::{Prepared, update_membership};
use crate::federation::protocol::Actor;
use crate::federation::registry::{
    MEMBERSHIP_PROOF_MINUTES, membership_document, name_registry, registry_actor_document,
};
use crate::service::ServiceError;
use crate::service::actors::generate_keys;
use crate::state::AppState;
use serde_json::Value;

/// Creates the registry's actor and its Ed25519 key on the software co-op's instance, unless
/// they exist, and returns them. Refuses when a person or organization already has the handle.
pub async fn ensure_registry_actor(
    store: &Store,
) -> Result<(DbLocalActor, DbAssertionKey), ServiceError> {
    let handle = Handle::registry_actor();
    let actor = match store.local_actor(&handle).await {
        Ok(actor) => actor,
        Err(DbError::NotFound) => {
            let keys = generate_keys().await?;
            match store.insert_application_actor(&handle, keys.as_new()).await {
                Ok(_) | Err(DbError::Conflict(_)) => store.local_actor(&handle).await?,
                Err(other) => return Err(other.into()),
            }
        }
        Err(other) => return Err(other.into()),
    };
    if actor.kind != ActorKind::Registry {
        return Err(ServiceError::Conflict(format!(
            "the handle '{handle}' belongs to a person or organization here, but the registry's \
             actor needs it: rename that account before serving the registry"
        )));
    }
    let key = match store.assertion_key(actor.id).await? {
        Some(key) => key,
        None => {
            let pkcs8 = integrity::generate_pkcs8().map_err(internal)?;
            let pair = integrity::key_pair(&pkcs8).map_err(internal)?;
            let key = DbAssertionKey {
                public_multibase: integrity::multibase_of(&pair),
                private_pkcs8: pkcs8,
            };
            store.ensure_assertion_key(actor.id, &key).await?
        }
    };
    Ok((actor, key))
}

fn internal(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(error.to_string())
}

/// The registry's actor and its Ed25519 key (made now when the instance has not served yet,
/// as when an administrator's first command comes before `serve`).
async fn registry_actor(app: &AppState) -> Result<(DbLocalActor, DbAssertionKey), ServiceError> {
    software_only(app)?;
    ensure_registry_actor(&app.store).await
}

/// The registry actor's document.
pub async fn actor_document(app: &AppState) -> Result<Actor, ServiceError> {
    let (actor, key) = registry_actor(app).await?;
    let info = crate::service::instance_settings::info(app).await?;
    let name = format!("{}: membership registry", info.name);
    Ok(registry_actor_document(
        &actor,
        app.urls(),
        &name,
        &key.public_multibase,
    ))
}

/// The instance actor's document names the registry on the software co-op's instance.
pub fn name_registry_on(app: &AppState, instance: &mut Actor) {
    if app.config.role == InstanceRole::Software {
        name_registry(instance, app.urls());
    }
}

/// `membership` as the registry states it now, signed for `MEMBERSHIP_PROOF_MINUTES`.
fn signed(
    app: &AppState,
    key: &DbAssertionKey,
    membership: &Membership,
) -> Result<Value, ServiceError> {
    let now = app.now();
    let pair = integrity::key_pair(&key.private_pkcs8).map_err(internal)?;
    let document = membership_document(app.urls(), membership, now);
    let (created, expires) = (
        rfc3339(now),
        rfc3339(now + MEMBERSHIP_PROOF_MINUTES * 60_000),
    );
    let key_id = app.urls().registry_key_id();
    let options = ProofOptions {
        key_id: key_id.as_str(),
        created: &created,
        expires: Some(&expires),
    };
    integrity::sign(&document, &pair, &options).map_err(internal)
}

/// The signed membership document about the actor `member`, if the registry knows it.
pub async fn membership(app: &AppState, member: &str) -> Result<Option<Value>, ServiceError> {
    let (_, key) = registry_actor(app).await?;
    match app.store.registry_member(member).await? {
        Some(membership) => Ok(Some(signed(app, &key, &membership)?)),
        None => Ok(None),
    }
}

/// The `Update` that tells the member, its serving co-op and every active platform co-op what
/// the registry now says about `membership`, and who gets it (the remote actors among them).
pub(super) async fn notice(
    app: &AppState,
    membership: &Membership,
) -> Result<(i64, Prepared, Recipients), ServiceError> {
    let (actor, key) = registry_actor(app).await?;
    let mut to = vec![membership.member.clone()];
    to.extend(membership.serving.clone());
    to.extend(
        app.store
            .active_registry_members_of(super::PLATFORM_COOP)
            .await?,
    );
    to.sort();
    to.dedup();
    let document = signed(app, &key, membership)?;
    let id = app.urls().registry_membership(&membership.member);
    let prepared = update_membership(app.urls(), &id, document, to.clone());
    Ok((actor.id, prepared, Recipients::Actors(to)))
}

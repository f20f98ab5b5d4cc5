//! A platform co-op in the network: it joins the software co-op's registry from its instance
//! actor (`Join`), reports its organizations (`Offer`), and keeps the registry's signed word on
//! each member (`notices`), which shows the "member of the network" mark while it is valid.
//! Which registry it joined is kept in the instance settings, with the registry's Ed25519 key.

mod ballots;
mod notices;
mod replica;

pub use ballots::{PaperView, cast, forget_sent_ballots, paper, papers, receive_paper};
pub use notices::{receive_membership, refresh_expiring, refresh_membership};
pub use replica::{Replicated, members_at, replicate};

use super::ServiceError;
use crate::db::{DbNetworkMembership, Recipients};
use crate::domain::{ActorKind, Handle, InstanceRole};
use crate::federation::outbox::{join_registry, offer_membership};
use crate::federation::protocol::ParticipationType;
use crate::federation::registry::{RegistryActor, read_registry_actor};
use crate::state::AppState;
use url::Url;

const REGISTRY: &str = "network.registry";
const REGISTRY_KEY_ID: &str = "network.registry_key_id";
const REGISTRY_KEY: &str = "network.registry_key";
const REGISTRY_MEMBERSHIPS: &str = "network.registry_memberships";
const REGISTRY_LOG: &str = "network.registry_log";

/// The registry actor's address: `network@host`, `@network@host`, a bare host (whose
/// `network` actor is meant) or the actor's URL.
async fn registry_url(app: &AppState, address: &str) -> Result<Url, ServiceError> {
    let address = address.trim().trim_start_matches('@');
    if address.starts_with("https://") || address.starts_with("http://") {
        return Url::parse(address).map_err(|e| ServiceError::Invalid {
            field: "registry",
            message: format!("'{address}': {e}"),
        });
    }
    let handle = if address.contains('@') {
        address.to_owned()
    } else {
        format!("network@{address}")
    };
    Ok(app.federation.webfinger(&handle).await?)
}

/// Reads the registry's actor from its own server and checks it is one.
async fn fetch_registry(app: &AppState, url: &Url) -> Result<RegistryActor, ServiceError> {
    let fetched = app.federation.fetch_signed(&app.store, url).await?;
    read_registry_actor(&fetched.final_url, &fetched.json).map_err(|why| ServiceError::Invalid {
        field: "registry",
        message: format!("{url} is no membership registry: {why}"),
    })
}

/// The registry this instance joined, as kept.
pub async fn registry(app: &AppState) -> Result<Option<RegistryActor>, ServiceError> {
    let store = &app.store;
    let (Some(id), Some(key_id), Some(key), Some(memberships), Some(log)) = (
        store.setting(REGISTRY).await?,
        store.setting(REGISTRY_KEY_ID).await?,
        store.setting(REGISTRY_KEY).await?,
        store.setting(REGISTRY_MEMBERSHIPS).await?,
        store.setting(REGISTRY_LOG).await?,
    ) else {
        return Ok(None);
    };
    let parse = |text: &str| Url::parse(text).map_err(|e| ServiceError::Internal(e.to_string()));
    Ok(Some(RegistryActor {
        id: parse(&id)?,
        key_id,
        key_multibase: key,
        memberships: parse(&memberships)?,
        log: parse(&log)?,
    }))
}

async fn keep_registry(app: &AppState, registry: &RegistryActor) -> Result<(), ServiceError> {
    app.store
        .set_settings(&[
            (REGISTRY, registry.id.as_str()),
            (REGISTRY_KEY_ID, &registry.key_id),
            (REGISTRY_KEY, &registry.key_multibase),
            (REGISTRY_MEMBERSHIPS, registry.memberships.as_str()),
            (REGISTRY_LOG, registry.log.as_str()),
        ])
        .await?;
    Ok(())
}

/// Reads the registry's actor again (its key may have changed) and keeps what it says now.
pub(crate) async fn reread_registry(app: &AppState) -> Result<RegistryActor, ServiceError> {
    let kept = registry(app)
        .await?
        .ok_or_else(|| ServiceError::NotFound("this instance joined no network".to_owned()))?;
    let fresh = fetch_registry(app, &kept.id).await?;
    keep_registry(app, &fresh).await?;
    Ok(fresh)
}

/// Applies to the registry at `address` from our instance actor: the registry's administrators
/// then approve or reject the application.
pub async fn join(app: &AppState, address: &str) -> Result<RegistryActor, ServiceError> {
    if app.config.role == InstanceRole::Software {
        return Err(ServiceError::Conflict(
            "this instance keeps the registry (role = \"software\"); platform co-ops join it"
                .to_owned(),
        ));
    }
    let url = registry_url(app, address).await?;
    let registry = fetch_registry(app, &url).await?;
    let remote = app.federation.actor(&app.store, &registry.id).await?;
    // Another registry numbers its versions otherwise: what the old one said is no guide.
    if self::registry(app)
        .await?
        .is_some_and(|kept| kept.id != registry.id)
    {
        app.store.forget_network_memberships().await?;
        app.store.forget_network_log().await?;
    }
    keep_registry(app, &registry).await?;
    send(
        app,
        join_registry(app.urls(), &registry.id, ParticipationType::Join),
        &remote,
    )
    .await?;
    Ok(registry)
}

/// Leaves the network: a `Leave` of the registry's actor.
pub async fn leave(app: &AppState) -> Result<RegistryActor, ServiceError> {
    let registry = joined(app).await?;
    let remote = app.federation.actor(&app.store, &registry.id).await?;
    let leave = join_registry(app.urls(), &registry.id, ParticipationType::Leave);
    send(app, leave, &remote).await?;
    Ok(registry)
}

async fn joined(app: &AppState) -> Result<RegistryActor, ServiceError> {
    registry(app).await?.ok_or_else(|| {
        ServiceError::NotFound(
            "this instance joined no network yet: `solidarity admin network join ADDRESS`"
                .to_owned(),
        )
    })
}

async fn send(
    app: &AppState,
    prepared: crate::federation::outbox::Prepared,
    to: &crate::db::DbRemoteActor,
) -> Result<(), ServiceError> {
    let instance = app.store.local_actor(&Handle::instance_actor()).await?;
    let reply = prepared.reply(instance.id, Recipients::inbox_of(to));
    app.store
        .enqueue_activity(&reply.activity, &reply.recipients)
        .await?;
    Ok(())
}

/// Reports our organization `org` to the registry as a member, with the person who votes for
/// it (`representative`, a local account).
pub async fn report(
    app: &AppState,
    org: &Handle,
    representative: Option<&Handle>,
) -> Result<Url, ServiceError> {
    let registry = joined(app).await?;
    let store = &app.store;
    let actor = crate::service::actors::local_actor(app, org).await?;
    if actor.kind != ActorKind::Group || actor.is_campaign {
        return Err(ServiceError::Invalid {
            field: "organization",
            message: format!("'{org}' is not an organization here"),
        });
    }
    let representative = match representative {
        Some(handle) => {
            let person = crate::service::actors::local_actor(app, handle).await?;
            if person.kind != ActorKind::Person {
                return Err(ServiceError::Invalid {
                    field: "representative",
                    message: format!("'{handle}' is not a person here"),
                });
            }
            Some(app.urls().actor(handle))
        }
        None => None,
    };
    let member = app.urls().actor(org);
    let remote = app.federation.actor(store, &registry.id).await?;
    let offer = offer_membership(app.urls(), &registry.id, &member, representative.as_ref());
    send(app, offer, &remote).await?;
    Ok(member)
}

/// Where this instance stands in the network: the registry, and what it said of each member.
#[derive(Debug)]
pub struct NetworkStatus {
    pub registry: Option<RegistryActor>,
    pub memberships: Vec<DbNetworkMembership>,
}

pub async fn status(app: &AppState) -> Result<NetworkStatus, ServiceError> {
    Ok(NetworkStatus {
        registry: registry(app).await?,
        memberships: app.store.network_memberships().await?,
    })
}

/// Whether the registry's latest valid word is that `actor` is an active member: the "member
/// of the network" mark. A word whose proof expired counts no more, until it is refreshed.
pub async fn is_member(app: &AppState, actor: &Url) -> Result<bool, ServiceError> {
    Ok(app
        .store
        .network_membership(actor.as_str())
        .await?
        .is_some_and(|kept| kept.status == "active" && kept.expires_at > app.now()))
}

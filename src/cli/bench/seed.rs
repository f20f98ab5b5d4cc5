//! Seeding a benchmark's database before the instance starts: a person, their organization
//! and an API token, made through the services as in production, and the organization's
//! followers on remote instances.

use super::inboxes::RemoteInstance;
use super::progress;
use crate::db::{FollowState, NewFollower, NewRemoteActor, Store};
use crate::domain::{Handle, Password};
use crate::service::orgs::{NewOrganizationRequest, create_organization};
use crate::service::users::{NewUserRequest, create_user};
use anyhow::Context;
use std::sync::Arc;

/// The organization every scenario publishes as.
pub const ORGANIZATION: &str = "bench_org";

/// What was seeded: the organization's local actor id, its public key and a token of its owner.
pub struct Seeded {
    pub actor_id: i64,
    pub public_key_pem: String,
    pub token: String,
}

/// Creates the person `bench`, the organization [`ORGANIZATION`] and a token.
pub async fn organization(store: &Store) -> anyhow::Result<Seeded> {
    let handle = |text: &str| Handle::parse(text).map_err(|e| anyhow::anyhow!("{text}: {e}"));
    crate::service::actors::ensure_instance_actor(store).await?;
    create_user(
        store,
        NewUserRequest {
            handle: handle("bench")?,
            display_name: None,
            password: Password::parse("benchmark password, never used")
                .map_err(|e| anyhow::anyhow!("{e}"))?,
            is_admin: false,
        },
    )
    .await?;
    let org = create_organization(
        store,
        NewOrganizationRequest {
            handle: handle(ORGANIZATION)?,
            name: "Tenants' Union".to_owned(),
            summary: "Benchmark organization".to_owned(),
            owner: handle("bench")?,
        },
    )
    .await?;
    let actor = store.local_actor(&org.handle).await?;
    let token = crate::service::tokens::issue_token(store, &handle("bench")?)
        .await?
        .secret;
    Ok(Seeded {
        actor_id: org.actor_id,
        public_key_pem: actor.public_key_pem,
        token,
    })
}

/// Makes one actor on each of `instances` an accepted follower of `actor_id`, 16 at a time.
pub async fn followers(
    store: &Store,
    actor_id: i64,
    key_pem: &str,
    instances: &[RemoteInstance],
) -> anyhow::Result<()> {
    let bar = progress::bar(instances.len(), "following");
    let instances = Arc::new(instances.to_vec());
    let next = Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..16 {
        let (store, instances, next, bar) =
            (store.clone(), instances.clone(), next.clone(), bar.clone());
        let key_pem = key_pem.to_owned();
        workers.spawn(async move {
            loop {
                let n = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let Some(instance) = instances.get(n) else {
                    return anyhow::Ok(());
                };
                let id = format!("http://{}/actors/member", instance.host);
                let actor = store
                    .upsert_remote_actor(&NewRemoteActor {
                        ap_id: id.clone(),
                        host: instance.host.clone(),
                        kind: "Person".to_owned(),
                        preferred_username: "member".to_owned(),
                        name: "Member".to_owned(),
                        summary: String::new(),
                        url: None,
                        inbox: format!("{id}/inbox"),
                        shared_inbox: Some(instance.inbox.clone()),
                        followers_url: None,
                        public_key_id: format!("{id}#main-key"),
                        public_key_pem: key_pem.clone(),
                    })
                    .await?;
                store
                    .add_follower(
                        &NewFollower {
                            local_actor_id: actor_id,
                            remote_actor_id: actor.id,
                            follow_ap_id: &format!("{id}/follows/1"),
                            state: FollowState::Accepted,
                        },
                        None,
                    )
                    .await?;
                bar.inc(1);
            }
        });
    }
    while let Some(done) = workers.join_next().await {
        done.context("a seeding task")??;
    }
    bar.finish_and_clear();
    Ok(())
}

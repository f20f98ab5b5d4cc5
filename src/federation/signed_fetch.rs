//! Authorized fetch: when `federation.require_signed_fetch` is on, ActivityPub GETs must be
//! signed by an actor we can identify, as Mastodon's secure mode asks. The instance actor stays
//! readable without a signature, or two servers in this mode could never meet.

use super::context::Federation;
use super::inbound::authority;
use super::inbound::remote_actor_from_json;
use super::inbox::KEY_REFRESH_AFTER_MS;
use super::signatures::{OurOrigin, RequestToVerify, parse_signature, verify_signature};
use crate::db::{DbError, DbRemoteActor, Store, now_millis};
use serde_json::Value;
use std::time::SystemTime;
use url::Url;

/// Why a GET was not authorized.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct FetchRefused(pub String);

impl Federation {
    /// Verifies the signature of a GET and returns its signer.
    pub async fn verify_signed_get(
        &self,
        store: &Store,
        path_and_query: &str,
        headers: &http::HeaderMap,
    ) -> Result<DbRemoteActor, FetchRefused> {
        let request = RequestToVerify {
            method: &http::Method::GET,
            path_and_query,
            headers,
            body: None,
        };
        let ours = OurOrigin::new(self.urls().scheme(), &self.urls().authority());
        let signature = parse_signature(&request, &ours, SystemTime::now())
            .map_err(|e| FetchRefused(e.to_string()))?;
        let key_id = signature.key_id().clone();
        let mut actor = match store.remote_actor_by_key_id(key_id.as_str()).await {
            Ok(actor) => Some(actor),
            Err(DbError::NotFound) => None,
            Err(e) => return Err(FetchRefused(format!("cannot look up the key: {e}"))),
        };
        // A stored key that fails is refetched once (rotation), but only when the stored copy
        // is older than a minute: badly signed GETs must not make us fetch on demand.
        // A key we did not know is fetched on attempt 0; fetching it again would not help. A
        // stored key that fails is fetched again only when the copy is older than a minute, and
        // at most once a minute whether that fetch works or not.
        let stale = actor
            .as_ref()
            .is_some_and(|known| known.fetched_at <= now_millis() - KEY_REFRESH_AFTER_MS);
        let interval = std::time::Duration::from_millis(KEY_REFRESH_AFTER_MS as u64);
        for attempt in 0..2 {
            let signer = match actor.take() {
                Some(known) if attempt == 0 => known,
                _ if attempt == 1
                    && !(stale && self.claim_key_refetch(key_id.as_str(), interval)) =>
                {
                    break;
                }
                _ => self.actor_for_key(store, &key_id).await?,
            };
            let key = self
                .cached_public_key(&signer.public_key_id, &signer.public_key_pem)
                .map_err(|e| FetchRefused(format!("the signer's key is unusable: {e}")))?;
            if verify_signature(&signature, &key).is_ok() {
                return Ok(signer);
            }
        }
        Err(FetchRefused(format!(
            "the signature by {key_id} does not verify"
        )))
    }

    /// Fetches the actor that owns `key_id`: the key id without its fragment is the actor
    /// (Mastodon), or a key document whose `owner` is (GoToSocial). Either way the actor's
    /// `publicKey.id` must be the key id, on the same host.
    async fn actor_for_key(
        &self,
        store: &Store,
        key_id: &Url,
    ) -> Result<DbRemoteActor, FetchRefused> {
        let refused = |e: &dyn std::fmt::Display| {
            FetchRefused(format!("cannot get the signer's key {key_id}: {e}"))
        };
        let mut document_url = key_id.clone();
        document_url.set_fragment(None);
        let document = self
            .fetch_signed(store, &document_url)
            .await
            .map_err(|e| refused(&e))?;
        let actor_url = match document.json.get("owner").and_then(Value::as_str) {
            Some(owner) if document.json.get("inbox").is_none() => {
                Url::parse(owner).map_err(|e| refused(&e))?
            }
            _ => document.final_url.clone(),
        };
        if authority(&actor_url) != authority(key_id) {
            return Err(FetchRefused(format!(
                "the key {key_id} names an owner on another host"
            )));
        }
        // A Mastodon-style key id names the actor document we just fetched: store it as it is
        // rather than fetching it a second time.
        let actor = if actor_url == document.final_url {
            let actor = remote_actor_from_json(document.json, &document.final_url)
                .map_err(|e| refused(&e))?;
            store
                .upsert_remote_actor(&actor)
                .await
                .map_err(|e| refused(&e))?
        } else {
            self.refresh_actor(store, &actor_url)
                .await
                .map_err(|e| refused(&e))?
        };
        if actor.public_key_id != key_id.as_str() {
            return Err(FetchRefused(format!(
                "{key_id} is not the key of {}",
                actor.ap_id
            )));
        }
        Ok(actor)
    }
}

//! Verifying an inbox POST before anything is stored: cheap checks first (a signature is there
//! and well-formed, the body is bounded JSON naming one actor, neither the key's nor the actor's
//! domain is blocked, the key and the activity live on the actor's host), then the key (stored,
//! or fetched once; refetched once when it fails, for key rotation), then the RSA check.
//! Failures are 401/403/400 with a reason, never 500.

use super::dispatch::{Inbound, parse_activity};
use crate::db::{DbError, DbRemoteActor, Store, now_millis};
use crate::federation::context::Federation;
use crate::federation::egress::parse_bounded;
use crate::federation::inbound::authority;
use crate::federation::keys::PublicKey;
use crate::federation::protocol::lenient::single_id;
use crate::federation::signatures::{
    OurOrigin, RequestToVerify, parse_signature, verify_signature,
};
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;
use std::time::SystemTime;
use url::Url;

/// Most recipients (`to`, `cc`, `bto`, `bcc`, `audience`, on the activity and its object
/// together) an activity may name (SECURITY.md T28). Mastodon caps a status at far fewer
/// mentions; more is an amplification attempt, refused before any work.
pub const MAX_RECIPIENTS: usize = 1_000;

fn recipients(value: &Value) -> usize {
    ["to", "cc", "bto", "bcc", "audience"]
        .iter()
        .filter_map(|field| value.get(field))
        .map(|entry| entry.as_array().map_or(1, Vec::len))
        .sum()
}

fn refuse_crowds(json: &Value) -> Result<(), InboxRejection> {
    let count = recipients(json) + json.get("object").map_or(0, recipients);
    if count > MAX_RECIPIENTS {
        return Err(InboxRejection::BadRequest(format!(
            "the activity names {count} recipients; at most {MAX_RECIPIENTS} are accepted"
        )));
    }
    Ok(())
}

/// A stored actor document older than this may be refetched when its key fails (rotation).
pub const KEY_REFRESH_AFTER_MS: i64 = 60_000;

/// An activity whose signature, key owner and origin checked out.
#[derive(Debug)]
pub struct VerifiedActivity {
    pub ap_id: String,
    pub kind: String,
    pub actor: DbRemoteActor,
}

/// Why an inbox POST was refused; each maps to one status code.
#[derive(Debug, thiserror::Error)]
pub enum InboxRejection {
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("too many activities from this server; retry in {0} s")]
    TooManyRequests(u64),
    #[error("temporarily unavailable: {0}")]
    Unavailable(String),
}

impl From<DbError> for InboxRejection {
    fn from(error: DbError) -> Self {
        tracing::error!(%error, "inbox store failure");
        Self::Unavailable("the database is busy".to_owned())
    }
}

/// The fields every activity must have for the checks. Read from the raw body, so that a key
/// that decides who sent what (`id`, `actor`, `type`, `object`) given twice is refused: a
/// `Value` silently keeps the last one, and other parsers keep the first (SECURITY.md T29).
#[derive(Deserialize)]
struct Envelope {
    id: Url,
    #[serde(deserialize_with = "single_id")]
    actor: Url,
    #[serde(rename = "type", default)]
    _kind: Option<IgnoredAny>,
    #[serde(rename = "object", default)]
    _object: Option<IgnoredAny>,
}

/// The request as the inbox received it.
pub struct InboxRequest<'a> {
    pub method: &'a http::Method,
    pub path_and_query: &'a str,
    pub headers: &'a http::HeaderMap,
    pub body: &'a [u8],
}

impl Federation {
    /// Verifies an inbox POST. `Ok(None)` means authentic but of a type we ignore.
    pub async fn verify_inbox_request(
        &self,
        store: &Store,
        request: &InboxRequest<'_>,
    ) -> Result<Option<VerifiedActivity>, InboxRejection> {
        let to_verify = RequestToVerify {
            method: request.method,
            path_and_query: request.path_and_query,
            headers: request.headers,
            body: Some(request.body),
        };
        let ours = OurOrigin::new(self.urls().scheme(), &self.urls().authority());
        let signature = parse_signature(&to_verify, &ours, SystemTime::now())
            .map_err(|e| InboxRejection::Unauthorized(e.to_string()))?;
        let json =
            parse_bounded(request.body).map_err(|e| InboxRejection::BadRequest(e.to_string()))?;
        refuse_crowds(&json)?;
        let envelope: Envelope = serde_json::from_slice(request.body)
            .map_err(|e| InboxRejection::BadRequest(format!("not an activity: {e}")))?;
        let host = authority(&envelope.actor);
        // The block list before the key is fetched or checked: a blocked server gets no request
        // from us, and a key on another host cannot smuggle a blocked actor in (SECURITY.md T34).
        let key_host = authority(signature.key_id());
        let senders = if key_host == host {
            vec![&host]
        } else {
            vec![&key_host, &host]
        };
        for sender in senders {
            if let Some(block) = store.domain_block_covering(sender).await? {
                return Err(InboxRejection::Forbidden(format!(
                    "{block} is blocked on this instance"
                )));
            }
        }
        if key_host != host {
            return Err(InboxRejection::Unauthorized(format!(
                "the key {} does not belong to the actor's host {host}",
                signature.key_id()
            )));
        }
        if envelope.id.origin() != envelope.actor.origin() {
            return Err(InboxRejection::Forbidden(format!(
                "the activity {} is not on its actor's origin",
                envelope.id
            )));
        }
        // Stored lately (a retried delivery) and signed by a key already known here: nothing
        // would change, so nothing is read or written; the sender hears 202 again, as after the
        // whole check. Anything else (an unknown key, a bad signature) goes the whole way.
        if self.stored_lately(envelope.id.as_str()) && self.verifies_with_known_key(&signature) {
            return Ok(None);
        }
        let actor = self
            .verified_sender(store, &envelope.actor, &signature)
            .await?;
        // Counted once the signature holds, so nobody can spend another server's budget by
        // forging requests in its name.
        if let Err(wait) = self.inbox_budget(&host) {
            return Err(InboxRejection::TooManyRequests(wait.as_secs().max(1)));
        }
        store.record_instance_alive(&host).await?;
        let kind = match parse_activity(&json) {
            Ok(Inbound::Ignored(kind)) => {
                tracing::debug!(%kind, id = %envelope.id, "ignoring an activity type we do not handle");
                return Ok(None);
            }
            Ok(_) => json
                .get("type")
                .and_then(Value::as_str)
                .unwrap_or_default()
                .to_owned(),
            Err(e) => return Err(InboxRejection::BadRequest(e.to_string())),
        };
        Ok(Some(VerifiedActivity {
            ap_id: envelope.id.to_string(),
            kind,
            actor,
        }))
    }

    /// The actor, once its key has verified the signature: the stored key first; a fetched one
    /// when we do not know the actor, its key id changed, or its stored key fails and is old.
    async fn verified_sender(
        &self,
        store: &Store,
        actor_id: &Url,
        signature: &crate::federation::signatures::ParsedSignature,
    ) -> Result<DbRemoteActor, InboxRejection> {
        let fetch = |reason: &'static str| async move {
            tracing::debug!(actor = %actor_id, reason, "fetching the actor for its key");
            self.refresh_actor(store, actor_id).await.map_err(|e| {
                InboxRejection::Unauthorized(format!("cannot get the signer's key: {e}"))
            })
        };
        let mut actor = match store.remote_actor_by_ap_id(actor_id.as_str()).await {
            Ok(actor) => actor,
            Err(DbError::NotFound) => fetch("unknown actor").await?,
            Err(other) => return Err(other.into()),
        };
        let mut fresh = actor.fetched_at > now_millis() - KEY_REFRESH_AFTER_MS;
        if actor.public_key_id != signature.key_id().as_str() && !fresh {
            actor = fetch("key id changed").await?;
            fresh = true;
        }
        loop {
            if actor.public_key_id != signature.key_id().as_str() {
                return Err(InboxRejection::Unauthorized(format!(
                    "the key {} is not the key of {actor_id}",
                    signature.key_id()
                )));
            }
            let key = self.public_key(&actor.public_key_id, &actor.public_key_pem)?;
            match verify_signature(signature, &key) {
                Ok(()) => return Ok(actor),
                Err(_) if !fresh => {
                    actor = fetch("stored key failed").await?;
                    fresh = true;
                }
                Err(e) => return Err(InboxRejection::Unauthorized(e.to_string())),
            }
        }
    }

    fn public_key(&self, key_id: &str, pem: &str) -> Result<PublicKey, InboxRejection> {
        self.cached_public_key(key_id, pem)
            .map_err(|e| InboxRejection::Unauthorized(format!("the signer's key is unusable: {e}")))
    }
}

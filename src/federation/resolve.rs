//! Fetching remote actors and resolving `user@host` handles, with our GETs signed by the
//! instance actor so that servers in authorized-fetch mode answer.

use super::context::Federation;
use super::egress::{FetchError, FetchedDocument, fetch_activity_json, fetch_jrd};
use super::inbound::{ActorRejected, authority, remote_actor_from_json};
use super::signatures::sign_request_cavage;
use crate::db::{DbError, DbRemoteActor, Store};
use crate::domain::Handle;
use serde_json::Value;
use std::time::SystemTime;
use url::Url;

/// Why a remote actor or handle could not be resolved.
#[derive(Debug, thiserror::Error)]
pub enum ResolveError {
    #[error("'{0}' is not a handle like name@host")]
    BadHandle(String),
    #[error("fetching {url} failed: {source}")]
    Fetch {
        url: String,
        #[source]
        source: FetchError,
    },
    #[error("WebFinger for {0} does not name that account or links an actor elsewhere")]
    WebfingerMismatch(String),
    #[error(transparent)]
    Actor(#[from] ActorRejected),
    #[error(transparent)]
    Store(#[from] DbError),
    #[error("cannot sign the request: {0}")]
    Sign(String),
}

impl Federation {
    /// GETs an ActivityStreams document, signed by the instance actor.
    pub async fn fetch_signed(
        &self,
        store: &Store,
        url: &Url,
    ) -> Result<FetchedDocument, ResolveError> {
        #[cfg(test)]
        if let Some(answer) = self.canned().answer(url) {
            return answer.map_err(|source| ResolveError::Fetch {
                url: url.to_string(),
                source,
            });
        }
        let instance = store.local_actor(&Handle::instance_actor()).await?;
        let key = self
            .local_key(store, instance.id)
            .await
            .map_err(|e| ResolveError::Sign(e.to_string()))?;
        let key_id = self.urls().key_id(&instance.handle);
        let sign = move |request: &mut reqwest::Request| {
            let url = request.url().clone();
            sign_request_cavage(
                &http::Method::GET,
                &url,
                request.headers_mut(),
                None,
                &key_id,
                &key,
                SystemTime::now(),
            )
            .map_err(|e| e.to_string())
        };
        fetch_activity_json(self.client(), self.policy(), url, Some(&sign))
            .await
            .map_err(|source| ResolveError::Fetch {
                url: url.to_string(),
                source,
            })
    }

    /// Fetches the actor at `url` (always fresh) and stores it.
    pub async fn refresh_actor(
        &self,
        store: &Store,
        url: &Url,
    ) -> Result<DbRemoteActor, ResolveError> {
        let document = self.fetch_signed(store, url).await?;
        let actor = remote_actor_from_json(document.json, &document.final_url)?;
        Ok(store.upsert_remote_actor(&actor).await?)
    }

    /// The stored actor with this id, fetched when we do not know it yet.
    pub async fn actor(&self, store: &Store, url: &Url) -> Result<DbRemoteActor, ResolveError> {
        match store.remote_actor_by_ap_id(url.as_str()).await {
            Ok(actor) => Ok(actor),
            Err(DbError::NotFound) => self.refresh_actor(store, url).await,
            Err(other) => Err(other.into()),
        }
    }

    /// Where the account `handle` acts on its own server (FEP-3b86 Activity Intents): the
    /// template its WebFinger links for `https://w3id.org/fep/3b86/{intent}` (with `true`), or
    /// else the older OStatus subscribe template, which opens any address there (with `false`);
    /// `None` when it offers neither. The answer must name the same account.
    pub async fn intent_template(
        &self,
        handle: &str,
        intent: &str,
    ) -> Result<Option<(String, bool)>, ResolveError> {
        let (_, jrd) = self.account_jrd(handle).await?;
        let template_of = |rel: &str| {
            jrd.get("links")
                .and_then(Value::as_array)
                .into_iter()
                .flatten()
                .find(|link| link.get("rel").and_then(Value::as_str) == Some(rel))
                .and_then(|link| link.get("template").and_then(Value::as_str))
                .map(str::to_owned)
        };
        let intent_rel = format!("https://w3id.org/fep/3b86/{intent}");
        Ok(template_of(&intent_rel)
            .map(|template| (template, true))
            .or_else(|| {
                template_of("http://ostatus.org/schema/1.0/subscribe")
                    .map(|template| (template, false))
            }))
    }

    /// Resolves `name@host` (with or without a leading `@` or `acct:`) to an actor id through
    /// WebFinger. The answer must name the same account, and its actor must live on that host.
    pub async fn webfinger(&self, handle: &str) -> Result<Url, ResolveError> {
        let (host, jrd) = self.account_jrd(handle).await?;
        let subject = jrd
            .get("subject")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned();
        let mismatch = || ResolveError::WebfingerMismatch(subject.clone());
        let actor = jrd
            .get("links")
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter(|link| link.get("rel").and_then(Value::as_str) == Some("self"))
            .filter(|link| {
                link.get("type").and_then(Value::as_str).is_some_and(|t| {
                    t.starts_with("application/activity+json")
                        || t.starts_with("application/ld+json")
                })
            })
            .find_map(|link| link.get("href").and_then(Value::as_str))
            .and_then(|href| Url::parse(href).ok())
            .ok_or_else(mismatch)?;
        if !authority(&actor).eq_ignore_ascii_case(&host) {
            return Err(mismatch());
        }
        Ok(actor)
    }

    /// The WebFinger document of the account `handle`, fetched from its host under the egress
    /// policy, with that host; refused unless its `subject` names the same account.
    async fn account_jrd(&self, handle: &str) -> Result<(String, Value), ResolveError> {
        let (name, host) = split_handle(handle)?;
        let scheme = if self.policy().allow_plain_http {
            "http"
        } else {
            "https"
        };
        let subject = format!("acct:{name}@{host}");
        let mut url = Url::parse(&format!("{scheme}://{host}/.well-known/webfinger"))
            .map_err(|_| ResolveError::BadHandle(handle.to_owned()))?;
        url.query_pairs_mut().append_pair("resource", &subject);
        let jrd = fetch_jrd(self.client(), self.policy(), &url)
            .await
            .map_err(|source| ResolveError::Fetch {
                url: url.to_string(),
                source,
            })?;
        let named = jrd.get("subject").and_then(Value::as_str);
        if !named.is_some_and(|named| named.eq_ignore_ascii_case(&subject)) {
            return Err(ResolveError::WebfingerMismatch(subject));
        }
        Ok((host.to_owned(), jrd))
    }
}

/// Splits `name@host` (with or without a leading `@` or `acct:`) into its name and host, so a
/// caller can look at the host before any request is made.
pub fn split_handle(handle: &str) -> Result<(&str, &str), ResolveError> {
    let trimmed = handle.trim();
    let account = trimmed.strip_prefix("acct:").unwrap_or(trimmed);
    let account = account.strip_prefix('@').unwrap_or(account);
    account
        .split_once('@')
        .filter(|(name, host)| {
            !name.is_empty() && !host.is_empty() && !host.contains(['/', '@', '?', '#'])
        })
        .ok_or_else(|| ResolveError::BadHandle(handle.to_owned()))
}

//! One delivery attempt: the activity's body and key, prepared once and shared by all its
//! deliveries; the request signed at send time (the signature covers the date and the
//! receiving host); the answer read as delivered, to retry with backoff, or failed for good.

use super::backoff::next_attempt;
use crate::db::{ClaimedDelivery, DeliveryOutcome, Store};
use crate::federation::context::{Federation, FederationError};
use crate::federation::egress::EgressPolicy;
use crate::federation::signatures::sign_request_cavage;
use reqwest::header::{ACCEPT, CONTENT_TYPE, HeaderValue, USER_AGENT};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::SystemTime;
use url::Url;

/// Prepared bodies kept at most; a fan-out needs one, a busy queue a few hundred.
const BODIES_KEPT: usize = 1024;

/// An activity's body and the key that signs it, shared by all its deliveries.
pub struct PreparedBody {
    json: bytes::Bytes,
    key: crate::federation::keys::ActorKeyPair,
    key_id: Url,
}

/// The bodies of the activities being delivered, prepared once each.
#[derive(Default)]
pub struct PreparedBodies {
    kept: Mutex<HashMap<String, Arc<PreparedBody>>>,
}

impl PreparedBodies {
    /// The body of `activity_id`, prepared now if it is not kept yet.
    pub async fn get(
        &self,
        store: &Store,
        federation: &Federation,
        activity_id: &str,
    ) -> Result<Arc<PreparedBody>, FederationError> {
        if let Some(body) = self
            .kept
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .get(activity_id)
        {
            return Ok(body.clone());
        }
        let (json, actor_id, handle) = store.outbox_activity_with_author(activity_id).await?;
        let key = federation.local_key(store, actor_id).await?;
        let body = Arc::new(PreparedBody {
            json: bytes::Bytes::from(json.into_bytes()),
            key,
            key_id: federation.urls().key_id(&handle),
        });
        let mut kept = self.kept.lock().unwrap_or_else(PoisonError::into_inner);
        if kept.len() >= BODIES_KEPT {
            kept.clear();
        }
        kept.insert(activity_id.to_owned(), body.clone());
        Ok(body)
    }
}

/// POSTs `body` to the delivery's inbox, signed now, and says what came of it.
pub async fn attempt(
    client: &reqwest::Client,
    policy: &EgressPolicy,
    delivery: &ClaimedDelivery,
    body: &PreparedBody,
    now: i64,
) -> DeliveryOutcome {
    let failed_attempts = delivery.attempts + 1;
    let retry = |error: String| match next_attempt(failed_attempts, delivery.created_at, now) {
        Some(next_attempt_at) => DeliveryOutcome::Retry {
            next_attempt_at,
            error,
        },
        None => DeliveryOutcome::Failed {
            error: format!("gave up after {failed_attempts} attempts: {error}"),
        },
    };
    let inbox = match Url::parse(&delivery.inbox) {
        Ok(url) => url,
        Err(e) => {
            return DeliveryOutcome::Failed {
                error: format!("bad inbox URL: {e}"),
            };
        }
    };
    if let Err(e) = policy.check_url(&inbox) {
        return DeliveryOutcome::Failed {
            error: format!("refused by the egress policy: {e}"),
        };
    }
    let mut request = reqwest::Request::new(reqwest::Method::POST, inbox.clone());
    let headers = request.headers_mut();
    headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/activity+json"),
    );
    headers.insert(
        ACCEPT,
        HeaderValue::from_static("application/activity+json"),
    );
    headers.insert(
        USER_AGENT,
        HeaderValue::from_static(concat!("Solidarity/", env!("CARGO_PKG_VERSION"))),
    );
    if let Err(e) = sign_request_cavage(
        &http::Method::POST,
        &inbox,
        request.headers_mut(),
        Some(body.json.as_ref()),
        &body.key_id,
        &body.key,
        SystemTime::now(),
    ) {
        return retry(format!("signing failed: {e}"));
    }
    *request.body_mut() = Some(body.json.clone().into());
    match client.execute(request).await {
        Ok(response) if response.status().is_success() => DeliveryOutcome::Delivered,
        Ok(response) => {
            let status = response.status();
            let error = format!("{} answered {status}", delivery.host);
            // 401 is retried too: the receiver may hold a stale copy of our key, or a clock
            // that is off, and both heal.
            if status.is_server_error() || matches!(status.as_u16(), 401 | 408 | 429) {
                retry(error)
            } else {
                DeliveryOutcome::Failed { error }
            }
        }
        Err(e) => retry(format!("cannot reach {}: {e}", delivery.host)),
    }
}

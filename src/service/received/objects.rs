//! The objects received activities are about: embedded or fetched from their own origin
//! (never from a blocked domain), and read for their id.

use super::{ProcessError, Received};
use crate::federation::inbound::ContentObject;
use crate::federation::protocol::lenient::{IdOrObject, id_of};
use crate::federation::protocol::{ActorType, ObjectActivity};
use crate::federation::resolve::ResolveError;
use serde_json::Value;
use url::Url;

impl Received<'_> {
    /// The object of a Create or Update, read once: embedded (it came signed by its own origin,
    /// which the services check against the author), or fetched from its id when only
    /// referenced. A document that is no object at all is the sender's fault, and final.
    pub(super) async fn object_of(
        &self,
        activity: ObjectActivity,
    ) -> Result<ContentObject, ProcessError> {
        let document = match activity.object {
            IdOrObject::Object(object) => object,
            IdOrObject::Id(id) => self.fetch(&id).await?,
        };
        read(document)
    }

    /// Fetches an object from its origin. Network trouble and 5xx are retried later; an answer
    /// that can never become usable (404, 410, wrong id or type, too large) is permanent. An
    /// object on a blocked domain is not requested at all (SECURITY.md T34: an Announce of it).
    pub(super) async fn fetch(&self, id: &Url) -> Result<Value, ProcessError> {
        self.refuse_blocked(&crate::federation::inbound::authority(id))
            .await?;
        match self.federation().fetch_signed(self.store(), id).await {
            Ok(document) => Ok(document.json),
            Err(ResolveError::Fetch { source, .. }) if !source.is_transient() => {
                Err(ProcessError::Permanent(format!("{id}: {source}")))
            }
            Err(other) => Err(ProcessError::Retry(other.to_string())),
        }
    }

    /// Refuses anything of a blocked domain (blocked since the activity was stored, too):
    /// final, while a store failure is retried.
    pub(super) async fn refuse_blocked(&self, host: &str) -> Result<(), ProcessError> {
        Ok(crate::service::blocks::refuse_blocked(self.store(), host).await?)
    }
}

/// Reads a received document as a content object.
pub(super) fn read(document: Value) -> Result<ContentObject, ProcessError> {
    ContentObject::parse(document)
        .map_err(|e| ProcessError::Permanent(format!("unreadable object: {e}")))
}

/// The id of an activity's object, embedded or referenced.
pub(super) fn object_id(object: &IdOrObject<Value>) -> Option<Url> {
    match object {
        IdOrObject::Id(id) => Some(id.clone()),
        IdOrObject::Object(object) => id_of(object),
    }
}

/// Whether an Update is about an actor: its object is the sender itself, or an embedded actor
/// document (whose id the service then holds to be the sender).
pub(super) fn is_actor(object: &IdOrObject<Value>, sender: &crate::db::DbRemoteActor) -> bool {
    let is_actor_type = |object: &Value| {
        object
            .get("type")
            .is_some_and(|kind| serde_json::from_value::<ActorType>(kind.clone()).is_ok())
    };
    match object {
        IdOrObject::Object(embedded) if is_actor_type(embedded) => true,
        _ => object_id(object).is_some_and(|id| id.as_str() == sender.ap_id),
    }
}

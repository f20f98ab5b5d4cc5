//! `Announce` (a boost): the object is always taken from its own origin (FEP-fe34), never from
//! the announcer's copy, unless announcer and object share an origin; then it reaches the
//! timelines of the announcer's local followers.

use super::objects::object_id;
use super::{ProcessError, Received};
use crate::federation::inbound::authority;
use crate::federation::protocol::ObjectActivity;
use crate::federation::protocol::lenient::IdOrObject;
use crate::service::timeline;
use url::Url;

pub(super) async fn receive(
    received: &Received<'_>,
    activity: ObjectActivity,
) -> Result<String, ProcessError> {
    let announcer = received.sender;
    let announcer_id =
        Url::parse(&announcer.ap_id).map_err(|e| ProcessError::Retry(e.to_string()))?;
    let Some(id) = object_id(&activity.object) else {
        return Ok("Announce of an object without an id".to_owned());
    };
    let object = super::objects::read(match activity.object {
        IdOrObject::Object(object) if id.origin() == announcer_id.origin() => object,
        _ => received.fetch(&id).await?,
    })?;
    let Some(author) = object.authors.first().and_then(|a| Url::parse(a).ok()) else {
        return Ok("announced object has no author".to_owned());
    };
    received.refuse_blocked(&authority(&author)).await?;
    Ok(format!(
        "{:?}",
        timeline::receive_announced(received.store(), announcer, &object, &author).await?
    ))
}

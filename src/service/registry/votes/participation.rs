//! Who voted on a proposal (never how), for the network's members only: a member on the roll
//! or active now, a member organization's representative, or the instance actor of a platform
//! co-op that is a member (so that a co-op's instance can show it to its people).

use super::{corrupt, kept_ballots, terms_of};
use crate::db::DbRemoteActor;
use crate::domain::vote::sort;
use crate::federation::protocol::context::{ACTIVITYSTREAMS, SOLIDARITY_NS};
use crate::service::ServiceError;
use crate::service::registry::software_only;
use crate::state::AppState;
use serde_json::{Value, json};

/// Whether `reader` may read who voted on a proposal with this roll.
async fn may_read(
    app: &AppState,
    reader: &DbRemoteActor,
    roll: &crate::domain::vote::Roll,
) -> Result<bool, ServiceError> {
    if roll
        .entries
        .iter()
        .any(|entry| entry.member == reader.ap_id || entry.voter == reader.ap_id)
    {
        return Ok(true);
    }
    Ok(app
        .store
        .registry_member(&reader.ap_id)
        .await?
        .is_some_and(|membership| membership.status.is_member()))
}

/// The members who voted on proposal `id` (their counted ballot, in byte order of their ids),
/// for `reader`; `None` when there is no such proposal.
pub async fn participation(
    app: &AppState,
    id: &str,
    reader: &DbRemoteActor,
) -> Result<Option<Value>, ServiceError> {
    software_only(app)?;
    let Some(proposal) = app.store.proposal(id).await? else {
        return Ok(None);
    };
    let (terms, roll) = terms_of(&proposal)?;
    if !may_read(app, reader, &roll).await? {
        return Err(ServiceError::Forbidden(format!(
            "only the network's members may read who voted; {} is not one",
            reader.ap_id
        )));
    }
    let voted: Vec<String> = if proposal.secret != 0 {
        app.store.secret_voters(id).await?
    } else {
        let ballots = kept_ballots(app, id).await?;
        sort(&terms, &roll, &ballots).counted.into_keys().collect()
    };
    let urls = app.urls();
    Ok(Some(json!({
        "@context": [ACTIVITYSTREAMS, {"sol": SOLIDARITY_NS, "rollHash": "sol:rollHash",
                                        "rollMembers": "sol:rollMembers"}],
        "id": urls.proposal(id).join(&format!("{id}/participation")).map_err(corrupt)?,
        "type": "Collection",
        "partOf": urls.proposal(id),
        "rollHash": proposal.roll_hash,
        "rollMembers": roll.entries.len(),
        "closed": proposal.result.is_some(),
        "totalItems": voted.len(),
        "items": voted,
    })))
}

//! Taking a POST to an inbox: verify its signature and origin, then store it durably before the
//! sender hears 202. What it changes is decided later, by the inbox processor.

use crate::federation::inbox::{InboxRecord, InboxRejection, InboxRequest};
use crate::state::AppState;

/// Verifies `request` and stores its activity (group commit: the activity goes into the inbox
/// writer's next transaction, and this returns once that committed). A duplicate or an ignored
/// activity is accepted without storing anything.
pub async fn accept(app: &AppState, request: &InboxRequest<'_>) -> Result<(), InboxRejection> {
    let federation = &app.federation;
    let Some(verified) = federation.verify_inbox_request(&app.store, request).await? else {
        return Ok(());
    };
    let ap_id = verified.ap_id.clone();
    // The bytes as signed (the checks parsed them, so they are UTF-8 JSON): what the sender said,
    // and no second serialisation.
    let json = String::from_utf8(request.body.to_vec())
        .map_err(|e| InboxRejection::BadRequest(format!("not UTF-8: {e}")))?;
    federation
        .inbox_writer(&app.store)
        .write(InboxRecord {
            json,
            ap_id: verified.ap_id,
            actor_ap_id: verified.actor.ap_id,
            kind: verified.kind,
        })
        .await
        .map_err(|e| {
            tracing::error!(error = %e, "inbox store failure");
            InboxRejection::Unavailable("the database is busy; try again later".to_owned())
        })?;
    federation.remember_stored(ap_id);
    federation.wake_inbox();
    Ok(())
}

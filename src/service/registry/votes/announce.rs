//! What the registry sends and shows of a proposal: its `Question` (while open, and with the
//! kept tally once closed), addressed to the voters, and the notes to refused voters.

use super::{closed_at, corrupt, software_only, terms_of};
use crate::db::{DbProposal, DbRemoteActor, Recipients};
use crate::domain::vote::{Roll, Tally, Terms, belenios};
use crate::federation::outbox::direct_note;
use crate::federation::registry_votes::{ProposalText, question};
use crate::service::ServiceError;
use crate::state::AppState;
use serde_json::Value;

/// The voters as the `Question` addresses them: id and `@user@host` (the id alone when the
/// actor is not known here).
pub(super) async fn addressees(
    app: &AppState,
    roll: &Roll,
) -> Result<Vec<(String, String)>, ServiceError> {
    let mut addressees = Vec::new();
    for entry in &roll.entries {
        let mention = match app.store.remote_actor_by_ap_id(&entry.voter).await {
            Ok(actor) => actor.mention(),
            Err(crate::db::DbError::NotFound) => entry.voter.clone(),
            Err(other) => return Err(other.into()),
        };
        addressees.push((entry.voter.clone(), mention));
    }
    Ok(addressees)
}

/// Reads from their servers the voters not known here yet (a member recorded by an
/// administrator may never have written to us), so that the `Question` reaches them; one that
/// cannot be read is left out of the delivery, and said so in the log.
pub(super) async fn learn_voters(app: &AppState, roll: &Roll) {
    for entry in &roll.entries {
        if !matches!(
            app.store.remote_actor_by_ap_id(&entry.voter).await,
            Err(crate::db::DbError::NotFound)
        ) {
            continue;
        }
        let Ok(url) = url::Url::parse(&entry.voter) else {
            continue;
        };
        if app.urls().is_ours(&url) {
            continue;
        }
        if let Err(error) = app.federation.actor(&app.store, &url).await {
            tracing::warn!(voter = %entry.voter, %error, "a voter's actor could not be read");
        }
    }
}

pub(super) fn text<'a>(
    proposal: &'a DbProposal,
    terms: &'a Terms,
    roll: &Roll,
) -> ProposalText<'a> {
    ProposalText {
        id: &proposal.id,
        title: &proposal.title,
        body: &proposal.body,
        kind: terms.kind,
        secret: proposal.secret != 0,
        options: &terms.options,
        opens_at: proposal.opens_at,
        closes_at: proposal.closes_at,
        record_date: proposal.record_date,
        roll_members: roll.entries.len(),
        roll_hash: &proposal.roll_hash,
    }
}

/// The registry's local actor id, for what it sends.
pub(super) async fn registry_actor_id(app: &AppState) -> Result<i64, ServiceError> {
    Ok(crate::service::registry::ensure_registry_actor(&app.store)
        .await?
        .0
        .id)
}

/// Queues a direct note from the registry to `voter`.
pub(super) async fn tell(
    app: &AppState,
    voter: &DbRemoteActor,
    message: &str,
) -> Result<(), ServiceError> {
    let note = direct_note(app.urls(), &voter.ap_id, &voter.mention(), message);
    let reply = note.reply(registry_actor_id(app).await?, Recipients::inbox_of(voter));
    app.store
        .enqueue_activity(&reply.activity, &reply.recipients)
        .await?;
    Ok(())
}

/// Proposal `id`'s `Question` as it stands: without counts while open (results stay hidden
/// until closing), with the kept tally once closed.
pub async fn question_document(app: &AppState, id: &str) -> Result<Option<Value>, ServiceError> {
    software_only(app)?;
    let Some(proposal) = app.store.proposal(id).await? else {
        return Ok(None);
    };
    let (terms, roll) = terms_of(&proposal)?;
    let to = addressees(app, &roll).await?;
    let closed = match (&proposal.closed_at, &proposal.result) {
        (Some(_), Some(result)) => {
            let at = closed_at(&proposal);
            let result: Value = serde_json::from_str(result).map_err(corrupt)?;
            let tally: Tally = serde_json::from_value(result.clone()).map_err(corrupt)?;
            Some((
                at,
                tally.options.iter().map(|o| o.members).collect::<Vec<_>>(),
                tally.voted_members,
                result,
            ))
        }
        _ => None,
    };
    let closed = closed
        .as_ref()
        .map(|(at, counts, voters, result)| (*at, counts.as_slice(), *voters, result.clone()));
    Ok(Some(question(
        app.urls(),
        &text(&proposal, &terms, &roll),
        &to,
        closed,
    )))
}

/// Proposal `id`'s frozen roll, for anyone to check against the published `rollHash`: its
/// entries as hashed, and the hash.
pub async fn roll_document(app: &AppState, id: &str) -> Result<Option<Value>, ServiceError> {
    software_only(app)?;
    let Some(proposal) = app.store.proposal(id).await? else {
        return Ok(None);
    };
    let (_, roll) = terms_of(&proposal)?;
    Ok(Some(serde_json::json!({
        "proposal": app.urls().proposal(id),
        "rollHash": proposal.roll_hash,
        "recordDate": crate::federation::notes::rfc3339(proposal.record_date),
        "entries": roll.entries,
    })))
}

/// Proposal `id` for Belenios: the voter list and the election template
/// (`domain::vote::belenios`).
pub async fn belenios_export(app: &AppState, id: &str) -> Result<(String, Value), ServiceError> {
    software_only(app)?;
    let proposal = super::find(app, id).await?;
    let (terms, roll) = terms_of(&proposal)?;
    let administrator = format!(
        "{}@{}",
        crate::domain::Handle::registry_actor(),
        app.urls().authority()
    );
    let template = belenios::template(
        &proposal.title,
        &proposal.body,
        &terms,
        &proposal.roll_hash,
        &administrator,
    );
    Ok((belenios::voters_file(&roll), template))
}

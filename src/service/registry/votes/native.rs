//! Native ballots from Solidarity instances: any kind (rankings too), changed by sending a
//! newer version until closing. A secret proposal's ballot is kept apart from who cast it
//! (`db::secret_ballots`) and the received activity forgets its choice.

use super::{Answer, corrupt, refuse, terms_of};
use crate::db::{BallotKept, DbBallot, DbRemoteActor, SecretKept, SecretSlot};
use crate::domain::registry_log::sha256_hex;
use crate::domain::vote::{Ballot, Refusal, Via, sort};
use crate::federation::ballots::read_ballot;
use crate::federation::inbound::ContentObject;
use crate::service::ServiceError;
use crate::service::registry::software_only;
use crate::state::AppState;

/// A `Ballot` received in activity `activity` from `sender`, which our inbox took at
/// `received_at`.
pub async fn receive_ballot(
    app: &AppState,
    sender: &DbRemoteActor,
    activity: &url::Url,
    object: &ContentObject,
    received_at: i64,
) -> Result<Answer, ServiceError> {
    software_only(app)?;
    let author =
        url::Url::parse(&sender.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let text = read_ballot(object, &author).map_err(|message| ServiceError::Invalid {
        field: "ballot",
        message,
    })?;
    let store = &app.store;
    let id = app
        .urls()
        .local_proposal_id(&text.question)
        .ok_or_else(|| ServiceError::NotFound(format!("no proposal {}", text.question)))?;
    let proposal = super::find(app, &id).await?;
    let (terms, roll) = terms_of(&proposal)?;
    let choices: Option<Vec<usize>> = text
        .choices
        .iter()
        .map(|name| terms.options.iter().position(|o| o == name.trim()))
        .collect();
    let ballot = Ballot {
        activity: object.id.to_string(),
        voter: sender.ap_id.clone(),
        choices: choices.clone().unwrap_or_default(),
        received_at,
        via: Via::Native,
    };
    let mut refusal = match choices {
        None => Some(Refusal::Invalid(
            "a choice that is not one of the options".to_owned(),
        )),
        Some(_) => sort(&terms, &roll, std::slice::from_ref(&ballot))
            .refused
            .into_iter()
            .next()
            .map(|(_, _, why)| why),
    };
    if proposal.secret != 0 && text.token.is_none() && refusal.is_none() {
        refusal = Some(Refusal::Invalid(
            "a secret vote's ballot carries its token".to_owned(),
        ));
    }
    let chosen = serde_json::to_string(&ballot.choices).map_err(corrupt)?;
    if refusal.is_none() {
        let kept = match &text.token {
            Some(token) if proposal.secret != 0 => {
                let slots: Vec<SecretSlot> = roll
                    .members_of(&sender.ap_id)
                    .map(|entry| SecretSlot {
                        member: entry.member.clone(),
                        class: entry.class.clone(),
                        weight: i64::from(entry.weight),
                    })
                    .collect();
                let hash = sha256_hex(token.as_bytes());
                let kept = store
                    .keep_secret_ballot(&id, &slots, &hash, &chosen, text.version)
                    .await?;
                store.forget_inbox_body(activity.as_str()).await?;
                match kept {
                    SecretKept::New | SecretKept::Changed => Ok(Answer::Kept),
                    SecretKept::Stale => Ok(Answer::Again),
                    SecretKept::Closed => Err(Refusal::Closed),
                    SecretKept::VotedAlready => Err(Refusal::Invalid(
                        "you voted already with another ballot: change it from the instance \
                         you voted from"
                            .to_owned(),
                    )),
                }
            }
            _ => {
                let stored = DbBallot {
                    activity: ballot.activity.clone(),
                    voter: ballot.voter.clone(),
                    choices: chosen.clone(),
                    via: "native".to_owned(),
                    received_at,
                    version: text.version,
                };
                match store.insert_ballot(&id, &stored, None).await? {
                    BallotKept::New => Ok(Answer::Kept),
                    BallotKept::Again => Ok(Answer::Again),
                    BallotKept::Closed => Err(Refusal::Closed),
                }
            }
        };
        match kept {
            Ok(answer) => return Ok(answer),
            Err(why) => refusal = Some(why),
        }
    }
    // Kept aside without its choice.
    let stored = DbBallot {
        activity: ballot.activity,
        voter: ballot.voter,
        choices: "[]".to_owned(),
        via: "native".to_owned(),
        received_at,
        version: 0,
    };
    let answer = refuse(
        app,
        &proposal,
        sender,
        &stored,
        refusal.unwrap_or(Refusal::Closed),
    )
    .await?;
    if proposal.secret != 0 {
        store.forget_inbox_body(activity.as_str()).await?;
    }
    Ok(answer)
}

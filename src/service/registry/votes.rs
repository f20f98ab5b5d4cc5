//! The co-op's decisions: a registry administrator opens a proposal, whose roll (the members
//! active at the record date, in the eligible classes, with their weights) is frozen and hashed
//! at once and announced as a `Question` to every voter on it; members answer it from any
//! fediverse account the Mastodon way, one counted vote per member (`domain::vote`); a ballot
//! that cannot count gets its sender a direct note saying why, and is not kept; at closing the
//! tally is kept and published as an `Update` of the `Question`.

mod announce;
mod native;
mod participation;
mod view;

pub use announce::{belenios_export, question_document, roll_document};
pub use native::receive_ballot;
pub use participation::participation;
pub use view::{ProposalView, open_view, proposal_view, proposal_views};

use super::{all_entries, software_only};
use crate::db::{BallotKept, DbBallot, DbProposal, DbRemoteActor, DbUser, Recipients, Reply};
use crate::domain::registry_log::replay;
use crate::domain::vote::{
    Ballot, CONSENT_OPTIONS, Kind, Refusal, Roll, RollEntry, Rule, SecretChoice, Tally, Terms, Via,
    count, count_secret, sort,
};
use crate::federation::inbound::ContentObject;
use crate::federation::outbox::{Prepared, proposal_activity};
use crate::federation::protocol::ObjectActivityType;
use crate::federation::registry_votes::question;
use crate::service::ServiceError;
use crate::state::AppState;
use announce::{addressees, registry_actor_id, tell, text};
use std::collections::BTreeMap;

/// What an administrator asks for.
#[derive(Debug, Default)]
pub struct ProposalRequest {
    pub title: String,
    pub body: String,
    /// `single`, `multiple`, `consent` or `ranked`.
    pub kind: String,
    /// Choices kept apart from who voted; native ballots only.
    pub secret: bool,
    /// The options (a consent vote's are fixed).
    pub options: Vec<String>,
    /// `plurality`, `majority`, `two_thirds` or `consent`.
    pub rule: String,
    pub quorum_percent: u32,
    /// The eligible classes; none: every class with a weight.
    pub classes: Vec<String>,
    /// Milliseconds since 1970; opening defaults to now, the record date to opening.
    pub opens_at: Option<i64>,
    pub closes_at: i64,
    pub record_date: Option<i64>,
}

fn invalid(field: &'static str, message: impl Into<String>) -> ServiceError {
    ServiceError::Invalid {
        field,
        message: message.into(),
    }
}

fn corrupt(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("a stored proposal: {error}"))
}

/// When the proposal stops taking ballots: its closing time, or earlier if an administrator
/// closed it before.
fn closed_at(proposal: &DbProposal) -> i64 {
    proposal
        .closed_at
        .map_or(proposal.closes_at, |at| at.min(proposal.closes_at))
}

/// Proposal `id`, or `NotFound`.
async fn find(app: &AppState, id: &str) -> Result<DbProposal, ServiceError> {
    app.store
        .proposal(id)
        .await?
        .ok_or_else(|| ServiceError::NotFound(format!("no proposal {id}")))
}

/// How many refused ballots of one account on one proposal get a note saying why.
const REFUSAL_NOTES: i64 = 3;
/// How long automatic closing waits for ballots received in time but not yet processed.
const CLOSING_WAIT_MS: i64 = 3_600_000;

/// A proposal's terms and frozen roll, read back.
fn terms_of(proposal: &DbProposal) -> Result<(Terms, Roll), ServiceError> {
    let options: Vec<String> = serde_json::from_str(&proposal.options).map_err(corrupt)?;
    let entries: Vec<RollEntry> = serde_json::from_str(&proposal.roll).map_err(corrupt)?;
    let terms = Terms {
        kind: Kind::from_stored(&proposal.kind).ok_or_else(|| corrupt("kind"))?,
        options,
        opens_at: proposal.opens_at,
        closes_at: closed_at(proposal),
        quorum_percent: u32::try_from(proposal.quorum_percent).map_err(corrupt)?,
        rule: Rule::from_stored(&proposal.rule).ok_or_else(|| corrupt("rule"))?,
    };
    Ok((terms, Roll { entries }))
}

/// Opens a proposal: freezes and hashes its roll and announces it to every voter on it.
pub async fn open(
    app: &AppState,
    admin: &DbUser,
    request: ProposalRequest,
) -> Result<DbProposal, ServiceError> {
    software_only(app)?;
    super::registry_admin(admin)?;
    let title = request.title.trim().to_owned();
    if title.is_empty() {
        return Err(invalid("title", "a proposal needs a title"));
    }
    let kind = Kind::from_stored(&request.kind)
        .ok_or_else(|| invalid("kind", "single, multiple, consent or ranked"))?;
    let rule = Rule::from_stored(&request.rule)
        .ok_or_else(|| invalid("rule", "plurality, majority, two_thirds or consent"))?;
    let now = app.now();
    let opens_at = request.opens_at.unwrap_or(now);
    let record_date = request.record_date.unwrap_or(opens_at);
    if record_date > now || record_date > opens_at {
        return Err(invalid(
            "record_date",
            "the roll is frozen at opening from the log as it stands: the record date cannot be \
             later than now or than the opening",
        ));
    }
    let options = if kind == Kind::Consent {
        CONSENT_OPTIONS.map(str::to_owned).to_vec()
    } else {
        request
            .options
            .iter()
            .map(|o| o.trim().to_owned())
            .collect()
    };
    let terms = Terms {
        kind,
        options,
        opens_at,
        closes_at: request.closes_at,
        quorum_percent: request.quorum_percent,
        rule,
    };
    terms.check().map_err(|why| invalid("terms", why))?;
    let mut weights = BTreeMap::new();
    let classes = app.store.registry_classes().await?;
    for class in &request.classes {
        if !classes.iter().any(|known| &known.name == class) {
            return Err(invalid("classes", format!("'{class}' is not a class")));
        }
    }
    for class in classes {
        if request.classes.is_empty() || request.classes.contains(&class.name) {
            weights.insert(class.name, u32::try_from(class.weight).unwrap_or(0));
        }
    }
    let members = replay(&all_entries(app).await?, Some(record_date))
        .map_err(|e| ServiceError::Internal(format!("the registry log: {e}")))?;
    let roll = Roll::freeze(&members, &weights);
    if roll.entries.is_empty() {
        return Err(invalid("classes", "nobody would be on the roll"));
    }
    let proposal = DbProposal {
        id: uuid::Uuid::new_v4().to_string(),
        title,
        body: request.body.trim().to_owned(),
        kind: kind.as_str().to_owned(),
        options: serde_json::to_string(&terms.options).map_err(corrupt)?,
        rule: rule.as_str().to_owned(),
        quorum_percent: i64::from(terms.quorum_percent),
        weights: serde_json::to_string(&weights).map_err(corrupt)?,
        record_date,
        opens_at,
        closes_at: terms.closes_at,
        roll: serde_json::to_string(&roll.entries).map_err(corrupt)?,
        roll_hash: roll.hash(),
        secret: i64::from(request.secret),
        opened_by: app.urls().actor(&admin.handle).to_string(),
        created_at: now,
        closed_at: None,
        result: None,
    };
    announce::learn_voters(app, &roll).await;
    let to = addressees(app, &roll).await?;
    let document = question(app.urls(), &text(&proposal, &terms, &roll), &to, None);
    let create = proposal_activity(app.urls(), ObjectActivityType::Create, document);
    let voters = roll.entries.iter().map(|e| e.voter.clone()).collect();
    let registry = registry_actor_id(app).await?;
    app.store
        .insert_proposal(
            &proposal,
            &create.reply(registry, Recipients::Actors(voters)),
        )
        .await?;
    Ok(proposal)
}

/// What happened to a poll answer.
#[derive(Debug, PartialEq, Eq)]
pub enum Answer {
    Kept,
    /// Already received (the same activity).
    Again,
    /// Not counted; its sender is told why.
    Refused(String),
}

/// A note answering the `Question` of proposal `id` (its `name` is the chosen option), which
/// our inbox took at `received_at`.
pub async fn receive_poll_answer(
    app: &AppState,
    sender: &DbRemoteActor,
    id: &str,
    note: &ContentObject,
    received_at: i64,
) -> Result<Answer, ServiceError> {
    software_only(app)?;
    let store = &app.store;
    let proposal = find(app, id).await?;
    // The vote's id keeps one vote apart from another: it must be its author's own.
    let author =
        url::Url::parse(&sender.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    if note.id.origin() != author.origin() {
        return Err(ServiceError::Forbidden(format!(
            "the vote {} is not on its author's server",
            note.id
        )));
    }
    let (terms, roll) = terms_of(&proposal)?;
    let choice = note
        .name
        .as_deref()
        .and_then(|name| terms.options.iter().position(|o| o == name.trim()));
    let ballot = Ballot {
        activity: note.id.to_string(),
        voter: sender.ap_id.clone(),
        choices: choice.into_iter().collect(),
        received_at,
        via: Via::Poll,
    };
    let mut refusal = sort(&terms, &roll, std::slice::from_ref(&ballot))
        .refused
        .into_iter()
        .next()
        .map(|(_, _, why)| match (why, choice) {
            (Refusal::Invalid(_), None) => {
                Refusal::Invalid("that is not one of the options".to_owned())
            }
            (why, _) => why,
        });
    if proposal.secret != 0 && refusal.is_none() {
        refusal = Some(Refusal::Invalid(
            "this vote is secret: cast your ballot from a Solidarity instance".to_owned(),
        ));
    }
    let stored = DbBallot {
        activity: ballot.activity,
        voter: ballot.voter,
        choices: serde_json::to_string(&ballot.choices).map_err(corrupt)?,
        via: "poll".to_owned(),
        received_at,
        version: 0,
    };
    if refusal.is_none() {
        match store.insert_ballot(id, &stored, None).await? {
            BallotKept::New => return Ok(Answer::Kept),
            BallotKept::Again => return Ok(Answer::Again),
            // Closed by an administrator since it was read.
            BallotKept::Closed => refusal = Some(Refusal::Closed),
        }
    }
    refuse(
        app,
        &proposal,
        sender,
        &stored,
        refusal.unwrap_or(Refusal::Closed),
    )
    .await
}

/// Keeps `stored`, from `sender`, aside as refused for `why` (never counted), so that a
/// re-delivery is not answered twice, and tells the sender why: the first few refusals of one
/// account on one proposal, whatever it sends.
async fn refuse(
    app: &AppState,
    proposal: &DbProposal,
    sender: &DbRemoteActor,
    stored: &DbBallot,
    why: Refusal,
) -> Result<Answer, ServiceError> {
    let store = &app.store;
    let message = format!(
        "your vote on \"{}\" was not counted: {}.",
        proposal.title,
        why.explain()
    );
    if store
        .insert_ballot(&proposal.id, stored, Some(&message))
        .await?
        == BallotKept::New
        && store.refused_ballots(&proposal.id, &sender.ap_id).await? <= REFUSAL_NOTES
    {
        tell(app, sender, &message).await?;
    }
    Ok(Answer::Refused(message))
}

/// The ballots of proposal `id` that may count, in the order received.
async fn kept_ballots(app: &AppState, id: &str) -> Result<Vec<Ballot>, ServiceError> {
    let mut ballots = Vec::new();
    for stored in app.store.ballots(id).await? {
        ballots.push(Ballot {
            activity: stored.activity,
            voter: stored.voter,
            choices: serde_json::from_str(&stored.choices).map_err(corrupt)?,
            received_at: stored.received_at,
            via: if stored.via == "native" {
                Via::Native
            } else {
                Via::Poll
            },
        });
    }
    Ok(ballots)
}

/// The tally of proposal `id` as its ballots stand (kept at closing).
async fn tally(
    app: &AppState,
    proposal: &DbProposal,
) -> Result<(Terms, Roll, Tally), ServiceError> {
    let (terms, roll) = terms_of(proposal)?;
    if proposal.secret != 0 {
        let store = &app.store;
        let voted = store
            .secret_voters(&proposal.id)
            .await?
            .into_iter()
            .collect();
        let mut choices = Vec::new();
        for kept in store.secret_choices(&proposal.id).await? {
            choices.push(SecretChoice {
                class: kept.class,
                weight: u32::try_from(kept.weight).map_err(corrupt)?,
                choices: serde_json::from_str(&kept.choices).map_err(corrupt)?,
            });
        }
        let tally = count_secret(&terms, &roll, &voted, &choices);
        return Ok((terms, roll, tally));
    }
    let ballots = kept_ballots(app, &proposal.id).await?;
    let sorted = sort(&terms, &roll, &ballots);
    let tally = count(&terms, &roll, &sorted);
    Ok((terms, roll, tally))
}

/// Closes proposal `id` now, for `admin`, an administrator of this instance (as `close`).
pub async fn close_as_admin(
    app: &AppState,
    admin: &DbUser,
    id: &str,
) -> Result<Tally, ServiceError> {
    super::registry_admin(admin)?;
    close(app, id).await
}

/// Closes proposal `id` now (or as due): stops it taking ballots, then keeps the tally of
/// those it took and publishes it.
pub async fn close(app: &AppState, id: &str) -> Result<Tally, ServiceError> {
    software_only(app)?;
    let store = &app.store;
    let missing = || ServiceError::NotFound(format!("no proposal {id}"));
    let proposal = store.proposal(id).await?.ok_or_else(missing)?;
    if proposal.result.is_some() {
        return Err(ServiceError::Conflict(format!(
            "proposal {id} is closed already"
        )));
    }
    if proposal.closed_at.is_none() {
        store.begin_closing(id, app.now()).await?;
    }
    // Read again: the ballots kept before closing began are all there now.
    let proposal = store.proposal(id).await?.ok_or_else(missing)?;
    let (terms, roll, tally) = tally(app, &proposal).await?;
    let result = serde_json::to_value(&tally).map_err(corrupt)?;
    let counts: Vec<u64> = tally.options.iter().map(|o| o.members).collect();
    let to = addressees(app, &roll).await?;
    let closed = (
        closed_at(&proposal),
        counts.as_slice(),
        tally.voted_members,
        result.clone(),
    );
    let document = question(
        app.urls(),
        &text(&proposal, &terms, &roll),
        &to,
        Some(closed),
    );
    let update: Prepared = proposal_activity(app.urls(), ObjectActivityType::Update, document);
    let voters = roll.entries.iter().map(|e| e.voter.clone()).collect();
    let registry = registry_actor_id(app).await?;
    let announce: Reply<'_> = update.reply(registry, Recipients::Actors(voters));
    if !store
        .finish_closing(id, &result.to_string(), &announce)
        .await?
    {
        return Err(ServiceError::Conflict(format!(
            "proposal {id} is closed already"
        )));
    }
    Ok(tally)
}

/// Closes every proposal whose time is up; how many. A ballot our inbox took before closing
/// time but has not processed yet is waited for (an hour at most).
pub async fn close_due(app: &AppState) -> Result<usize, ServiceError> {
    if software_only(app).is_err() {
        return Ok(0);
    }
    let now = app.now();
    let mut closed = 0;
    for proposal in app.store.proposals_due(now).await? {
        let waiting = proposal.closed_at.is_none()
            && now < proposal.closes_at + CLOSING_WAIT_MS
            && app.store.inbox_pending_before(proposal.closes_at).await?;
        if waiting {
            continue;
        }
        match close(app, &proposal.id).await {
            Ok(_) => closed += 1,
            Err(ServiceError::Conflict(_)) => {}
            Err(error) => tracing::error!(id = %proposal.id, %error, "cannot close a proposal"),
        }
    }
    Ok(closed)
}

/// The proposals, latest first.
pub async fn proposals(app: &AppState) -> Result<Vec<DbProposal>, ServiceError> {
    software_only(app)?;
    Ok(app.store.proposals().await?)
}

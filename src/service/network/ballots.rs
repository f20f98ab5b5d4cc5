//! Voting from here: the registry's proposals arrive as `Question`s naming some of our people,
//! and are kept as ballot papers for each of them; a person casts a native ballot (any kind,
//! rankings too) and may change it until closing, each change a newer version of the same
//! ballot. For a secret vote, the ballot carries a token kept here so that the registry can
//! replace the choice without knowing whose it is, and its choices are not kept here.

use crate::db::{DbBallotPaper, DbCastBallot, DbRemoteActor, DbUser, Recipients};
use crate::domain::vote::Kind;
use crate::federation::ballots::{BallotText, read_paper};
use crate::federation::inbound::ContentObject;
use crate::federation::outbox::cast_ballot;
use crate::service::ServiceError;
use crate::state::AppState;
use base64::Engine;
use serde_json::Value;
use std::collections::BTreeSet;
use url::Url;

/// A proposal `sender` put to some of our people (`Create` or `Update` of its `Question`): kept
/// for them. `None` when the object is no proposal.
pub async fn receive_paper(
    app: &AppState,
    sender: &DbRemoteActor,
    object: &ContentObject,
) -> Result<Option<String>, ServiceError> {
    let registry = Url::parse(&sender.ap_id).map_err(|e| ServiceError::Internal(e.to_string()))?;
    let Some(paper) = read_paper(object, &registry) else {
        return Ok(None);
    };
    let paper = paper.map_err(|message| ServiceError::Invalid {
        field: "question",
        message,
    })?;
    let mut voters = Vec::new();
    for addressee in &paper.addressees {
        let Ok(url) = Url::parse(addressee) else {
            continue;
        };
        if let Some(handle) = app.urls().local_handle(&url) {
            match app.store.local_actor(&handle).await {
                Ok(actor) => voters.push(actor.id),
                Err(crate::db::DbError::NotFound) => {}
                Err(other) => return Err(other.into()),
            }
        }
    }
    if voters.is_empty() {
        return Ok(Some("a proposal put to none of our people".to_owned()));
    }
    let stored = DbBallotPaper {
        id: 0,
        question: paper.question.to_string(),
        registry: sender.ap_id.clone(),
        title: paper.title,
        body: paper.body,
        kind: paper.kind.as_str().to_owned(),
        options: serde_json::to_string(&paper.options).map_err(corrupt)?,
        secret: i64::from(paper.secret),
        roll_hash: paper.roll_hash,
        opens_at: paper.opens_at,
        closes_at: paper.closes_at,
        result: paper.result.map(|result| result.to_string()),
    };
    if !app
        .store
        .keep_ballot_paper(&stored, &voters, app.now())
        .await?
    {
        return Err(ServiceError::Forbidden(format!(
            "{} is another registry's proposal",
            paper.question
        )));
    }
    Ok(Some(format!(
        "ballot paper {} for {} of our people",
        paper.question,
        voters.len()
    )))
}

fn corrupt(error: impl std::fmt::Display) -> ServiceError {
    ServiceError::Internal(format!("a stored ballot paper: {error}"))
}

/// A ballot paper as its voter sees it.
#[derive(Clone, Debug)]
pub struct PaperView {
    pub id: i64,
    pub question: String,
    /// The registry actor that put it.
    pub registry: String,
    pub title: String,
    /// Sanitised HTML.
    pub body: String,
    pub kind: Kind,
    pub options: Vec<String>,
    pub secret: bool,
    pub roll_hash: String,
    pub opens_at: i64,
    pub closes_at: i64,
    /// Whether ballots are still taken (by the clock here; the registry's word is final).
    pub open: bool,
    /// The tally, once the registry published it.
    pub result: Option<Value>,
    /// What this person cast: the choices (none for a secret vote) and when.
    pub cast: Option<(Option<Vec<String>>, i64)>,
}

async fn view(
    app: &AppState,
    user: &DbUser,
    paper: DbBallotPaper,
) -> Result<PaperView, ServiceError> {
    let cast = app.store.cast_ballot(paper.id, user.actor_id).await?;
    let now = app.now();
    Ok(PaperView {
        open: paper.result.is_none() && paper.opens_at <= now && now < paper.closes_at,
        kind: Kind::from_stored(&paper.kind).ok_or_else(|| corrupt("kind"))?,
        options: serde_json::from_str(&paper.options).map_err(corrupt)?,
        result: paper
            .result
            .as_deref()
            .map(serde_json::from_str)
            .transpose()
            .map_err(corrupt)?,
        cast: match cast {
            Some(cast) => Some((
                cast.choices
                    .as_deref()
                    .map(serde_json::from_str)
                    .transpose()
                    .map_err(corrupt)?,
                cast.cast_at,
            )),
            None => None,
        },
        id: paper.id,
        question: paper.question,
        registry: paper.registry,
        title: paper.title,
        body: paper.body,
        secret: paper.secret != 0,
        roll_hash: paper.roll_hash,
        opens_at: paper.opens_at,
        closes_at: paper.closes_at,
    })
}

/// The proposals put to `user`, latest closing first.
pub async fn papers(app: &AppState, user: &DbUser) -> Result<Vec<PaperView>, ServiceError> {
    let mut views = Vec::new();
    for paper in app.store.ballot_papers_of(user.actor_id).await? {
        views.push(view(app, user, paper).await?);
    }
    Ok(views)
}

fn not_yours(id: i64) -> ServiceError {
    ServiceError::NotFound(format!("no proposal {id} was put to you"))
}

/// Paper `id`, when it was put to `user`.
pub async fn paper(app: &AppState, user: &DbUser, id: i64) -> Result<PaperView, ServiceError> {
    let paper = app
        .store
        .ballot_paper_for(id, user.actor_id)
        .await?
        .ok_or_else(|| not_yours(id))?;
    view(app, user, paper).await
}

fn invalid(message: impl Into<String>) -> ServiceError {
    ServiceError::Invalid {
        field: "choices",
        message: message.into(),
    }
}

/// Whether `choices` (option names, in order) fit a paper of `kind` with `options`.
fn check(kind: Kind, options: &[String], choices: &[String]) -> Result<(), ServiceError> {
    if choices.is_empty() {
        return Err(invalid("choose an option"));
    }
    if let Some(unknown) = choices.iter().find(|c| !options.contains(c)) {
        return Err(invalid(format!("'{unknown}' is not one of the options")));
    }
    if choices.iter().collect::<BTreeSet<_>>().len() != choices.len() {
        return Err(invalid("an option is chosen twice"));
    }
    if matches!(kind, Kind::Single | Kind::Consent) && choices.len() > 1 {
        return Err(invalid("choose only one option"));
    }
    Ok(())
}

/// Casts (or changes) `user`'s ballot on paper `id`: `choices` are option names, a ranking in
/// order of preference. Sent to the registry, which counts the last version received before
/// closing.
pub async fn cast(
    app: &AppState,
    user: &DbUser,
    id: i64,
    choices: Vec<String>,
) -> Result<PaperView, ServiceError> {
    let store = &app.store;
    let paper = store
        .ballot_paper_for(id, user.actor_id)
        .await?
        .ok_or_else(|| not_yours(id))?;
    let current = view(app, user, paper.clone()).await?;
    if !current.open {
        return Err(ServiceError::Conflict(format!(
            "\"{}\" takes no ballots now",
            current.title
        )));
    }
    check(current.kind, &current.options, &choices)?;
    let before = store.cast_ballot(paper.id, user.actor_id).await?;
    let secret = paper.secret != 0;
    let token = match (&before, secret) {
        (_, false) => None,
        (
            Some(DbCastBallot {
                token: Some(token), ..
            }),
            true,
        ) => Some(token.clone()),
        (_, true) => Some(
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(rand::random::<[u8; 32]>()),
        ),
    };
    let version = before.as_ref().map_or(1, |b| b.version + 1);
    let question = Url::parse(&paper.question).map_err(corrupt)?;
    let text = BallotText {
        question,
        choices: choices.clone(),
        version,
        token: token.clone(),
    };
    let prepared = cast_ballot(app.urls(), &user.handle, &paper.registry, &text);
    let kept = DbCastBallot {
        choices: if secret {
            None
        } else {
            Some(serde_json::to_string(&choices).map_err(corrupt)?)
        },
        token,
        version,
        cast_at: app.now(),
    };
    let send = prepared.reply(
        user.actor_id,
        Recipients::Actors(vec![paper.registry.clone()]),
    );
    if !store
        .keep_cast_ballot(paper.id, user.actor_id, &kept, &send)
        .await?
    {
        return Err(ServiceError::Conflict(
            "another ballot was cast meanwhile: look again and vote again".to_owned(),
        ));
    }
    view(app, user, paper).await
}

/// Forgets the ballots sent from here that were delivered: what a secret one chose is then
/// kept nowhere here.
pub async fn forget_sent_ballots(app: &AppState) -> Result<u64, ServiceError> {
    Ok(app.store.forget_sent_ballots().await?)
}

//! Who answered an event, for its organization's owners and admins, and deciding on requests to
//! join a restricted event (a participant elsewhere receives the Accept or Reject), and the
//! same list as a CSV file.

use super::form::{PageForm, TOKEN_FIELD, sign_in_first};
use super::problem::Problem;
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::events::{self, ParticipantView};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "events/participants.html")]
struct EventParticipantsPage<'a> {
    title: String,
    nav: Nav,
    token_field: &'a str,
    event_id: &'a str,
    event_title: &'a str,
    /// Each answer with its state in words.
    answers: Vec<(ParticipantView, String)>,
    problem: Option<Problem>,
}

async fn page(
    state: &AppState,
    visitor: &Visitor,
    id: &str,
    problem: Option<(StatusCode, Problem)>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/events/{id}/participants")));
    };
    let event = events::show(state, id).await?;
    let list = events::rsvps_for_organizers(state, caller, id).await?;
    let nav = visitor.nav().await?;
    let (status, problem) = Problem::with_status(problem);
    let page = EventParticipantsPage {
        title: nav.ts("participants-of", "title", &event.title),
        token_field: TOKEN_FIELD,
        event_id: id,
        event_title: &event.title,
        answers: list
            .into_iter()
            .map(|p| {
                let state = nav.t(&format!("rsvp-{}", p.state));
                (p, state)
            })
            .collect(),
        problem,
        nav,
    };
    Ok((status, Html(page.render()?)).into_response())
}

/// `GET /events/{id}/participants`.
pub async fn list(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    page(&state, &visitor, &id, None).await
}

#[derive(Debug, Deserialize)]
pub struct DecisionForm {
    participant: String,
    /// `approve` or `refuse`.
    decision: String,
}

/// `GET /events/{id}/participants.csv`: who answered, as the page shows it, for a spreadsheet.
pub async fn csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/events/{id}/participants")));
    };
    let list = events::rsvps_for_organizers(&state, caller, &id).await?;
    let rows = list.into_iter().map(|p| {
        vec![
            p.participant,
            p.instance,
            p.state,
            p.via,
            p.message,
            p.updated_at,
        ]
    });
    super::participants::csv_download(
        &format!("answers-{id}.csv"),
        &[
            "address",
            "instance",
            "answer",
            "via",
            "message",
            "answered_at",
        ],
        rows,
    )
}

/// `POST /events/{id}/decisions`: approves or refuses a pending request.
pub async fn decide(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
    form: PageForm<DecisionForm>,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/events/{id}/participants")));
    };
    let approve = form.fields.decision == "approve";
    match events::decide_rsvp(&state, caller, &id, &form.fields.participant, approve).await {
        Ok(_) => Ok(Redirect::to(&format!("/events/{id}/participants")).into_response()),
        Err(error) => {
            let problem = Problem::of(error, "")?;
            page(&state, &visitor, &id, Some(problem)).await
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::http::web::i18n::Tr;

    #[test]
    fn every_answer_has_words() {
        for state in ["going", "maybe", "declined", "pending", "rejected"] {
            assert!(
                !Tr::default()
                    .t(&format!("rsvp-{state}"))
                    .starts_with("Unknown"),
                "{state}"
            );
        }
    }
}

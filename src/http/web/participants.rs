//! Who took part in an action, for its organization's owners and admins: a table on a page, and
//! a CSV file of those who agreed to be contacted (only they: the others' names and words stay
//! on the page, out of spreadsheets).

use super::form::sign_in_first;
use super::time::local_in;
use super::visitor::{Nav, Visitor};
use crate::error::AppError;
use crate::service::actions::{self, ParticipantView};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{Html, IntoResponse, Response};

#[derive(Template)]
#[template(path = "actions/participants.html")]
struct ParticipantsPage<'a> {
    title: String,
    nav: Nav,
    action_id: &'a str,
    action_title: &'a str,
    /// Each participant with when they took part, in the action's time zone.
    participants: Vec<(ParticipantView, String)>,
}

/// `GET /actions/{id}/participants`.
pub async fn page(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/actions/{id}/participants")));
    };
    let action = actions::show(&state, &id).await?;
    let list = actions::participations_for_organizers(&state, caller, &id).await?;
    let nav = visitor.nav().await?;
    let page = ParticipantsPage {
        title: nav.ts("participants-of", "title", &action.title),
        nav,
        action_id: &id,
        action_title: &action.title,
        participants: list
            .into_iter()
            .map(|p| {
                let when = local_in(&p.created_at, &action.timezone, &visitor.tr.lang());
                (p, when)
            })
            .collect(),
    };
    Ok(Html(page.render()?).into_response())
}

/// `GET /actions/{id}/participants.csv`: the participants who consented to be contacted.
pub async fn csv(
    State(state): State<AppState>,
    Path(id): Path<String>,
    visitor: Visitor,
) -> Result<Response, AppError> {
    let Some(caller) = &visitor.caller else {
        return Ok(sign_in_first(&format!("/actions/{id}/participants")));
    };
    let list = actions::participations_for_organizers(&state, caller, &id).await?;
    let rows = list.iter().filter(|p| p.consent_to_contact).map(|p| {
        vec![
            p.name.clone(),
            p.participant.clone(),
            p.instance.clone(),
            p.comment.clone(),
            p.created_at.clone(),
        ]
    });
    csv_download(
        &format!("participants-{id}.csv"),
        &["name", "address", "instance", "comment", "taken_part_at"],
        rows,
    )
}

/// A CSV file to download as `filename`: the `header` row, then `rows`, every cell made safe
/// for spreadsheets.
pub(super) fn csv_download(
    filename: &str,
    header: &[&str],
    rows: impl Iterator<Item = Vec<String>>,
) -> Result<Response, AppError> {
    let mut out = csv::Writer::from_writer(Vec::new());
    let failed = |e: csv::Error| AppError::Internal(Box::new(e));
    out.write_record(header).map_err(failed)?;
    for row in rows {
        out.write_record(row.iter().map(|cell| spreadsheet_safe(cell)))
            .map_err(failed)?;
    }
    let body = out
        .into_inner()
        .map_err(|e| AppError::Internal(Box::new(e.into_error())))?;
    let mut response = body.into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/csv; charset=utf-8"),
    );
    let disposition = format!("attachment; filename=\"{filename}\"");
    if let Ok(value) = HeaderValue::from_str(&disposition) {
        headers.insert(header::CONTENT_DISPOSITION, value);
    }
    Ok(response)
}

/// A cell a spreadsheet will not run as a formula (`=`, `+`, `-`, `@` and control characters
/// start one; OWASP's CSV injection advice): such a value gets a leading apostrophe.
fn spreadsheet_safe(value: &str) -> String {
    match value.chars().next() {
        Some('=' | '+' | '-' | '@' | '\t' | '\r') => format!("'{value}"),
        _ => value.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::spreadsheet_safe;

    #[test]
    fn formulas_are_not_run_by_spreadsheets() {
        assert_eq!(spreadsheet_safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(spreadsheet_safe("Rosa"), "Rosa");
    }
}

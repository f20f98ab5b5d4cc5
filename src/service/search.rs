//! Searching this instance: organizations, campaigns and actions by words, events by words,
//! place and dates. Words match anywhere, without regard to case.

use super::ServiceError;
use super::events::EventView;
use crate::state::AppState;

/// Most results of each kind.
const LIMIT: i64 = 50;
/// Longest search text, in characters.
const MAX_TEXT: usize = 200;

/// What a person searches for; empty fields do not narrow the search.
#[derive(Debug, Default)]
pub struct Query {
    pub text: String,
    pub place: String,
    /// `YYYY-MM-DD`, the first day (UTC) events may start on.
    pub from: String,
    /// `YYYY-MM-DD`, the last day (UTC) events may start on.
    pub to: String,
}

/// A found organization, campaign or action: its handle (or id), title, and organization.
#[derive(Debug)]
pub struct Hit {
    pub key: String,
    pub title: String,
    pub organization: String,
}

/// What a search found.
#[derive(Debug, Default)]
pub struct Results {
    pub organizations: Vec<Hit>,
    pub campaigns: Vec<Hit>,
    pub actions: Vec<Hit>,
    pub events: Vec<EventView>,
}

/// A lower-case LIKE pattern for `text` anywhere (`%` for nothing), `%` and `_` escaped.
fn pattern(text: &str) -> String {
    let text: String = text
        .trim()
        .chars()
        .take(MAX_TEXT)
        .collect::<String>()
        .to_lowercase();
    let escaped = text
        .replace('\\', "\\\\")
        .replace('%', "\\%")
        .replace('_', "\\_");
    format!("%{escaped}%")
}

/// A day as milliseconds at its start (UTC), or a field problem.
fn day(field: &'static str, text: &str) -> Result<Option<i64>, ServiceError> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let date =
        chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| ServiceError::Invalid {
            field,
            message: "a date like 2026-12-31".to_owned(),
        })?;
    Ok(date
        .and_hms_opt(0, 0, 0)
        .map(|at| at.and_utc().timestamp_millis()))
}

fn hits(found: Vec<(String, String, String)>) -> Vec<Hit> {
    found
        .into_iter()
        .map(|(key, title, organization)| Hit {
            key,
            title,
            organization,
        })
        .collect()
}

/// Searches; events from today on unless `from` says otherwise.
pub async fn search(app: &AppState, query: &Query) -> Result<Results, ServiceError> {
    let store = &app.store;
    let text = pattern(&query.text);
    let place = pattern(&query.place);
    let from = day("from", &query.from)?.unwrap_or(app.now() - 86_400_000);
    let to = day("to", &query.to)?.map_or(i64::MAX, |start| start + 86_400_000);
    let events = store.search_events(&text, &place, from, to, LIMIT).await?;
    let ids: Vec<&str> = events.iter().map(|e| e.id.as_str()).collect();
    let mut counts = store.event_counts_of(&ids).await?;
    let events = events
        .iter()
        .map(|event| {
            let counts = counts.remove(&event.id).unwrap_or_default();
            super::events::view::view(app.urls(), event, &counts)
        })
        .collect();
    // Place and dates narrow events only; without words, only events are listed.
    if query.text.trim().is_empty() {
        return Ok(Results {
            events,
            ..Results::default()
        });
    }
    Ok(Results {
        organizations: hits(store.search_organizations(&text, LIMIT).await?),
        campaigns: hits(store.search_campaigns(&text, LIMIT).await?),
        actions: hits(store.search_actions(&text, LIMIT).await?),
        events,
    })
}

#[cfg(test)]
mod tests {
    use super::pattern;

    #[test]
    fn search_words_match_literally_and_without_case() {
        assert_eq!(pattern(" Rent "), "%rent%");
        assert_eq!(pattern("100%_off\\"), "%100\\%\\_off\\\\%");
        assert_eq!(pattern(""), "%%");
    }
}

//! Canned origins for fast tests: the documents (or HTTP statuses) other servers would serve,
//! answered by `Federation::fetch_signed` without the network. What a real fetch checks after
//! the body arrives still holds (the document's `id` must be the URL asked for), and every URL
//! asked is recorded, so a test can also assert that nothing was fetched.

use super::egress::{FetchError, FetchedDocument};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;
use url::Url;

/// What a canned origin answers for one URL.
#[derive(Clone, Debug)]
enum Answer {
    Document(Value),
    Status(u16),
}

/// The canned answers of one instance's outbound fetches, and the URLs asked so far.
#[derive(Debug, Default)]
pub struct CannedOrigins {
    answers: Mutex<HashMap<String, Answer>>,
    asked: Mutex<Vec<String>>,
}

impl CannedOrigins {
    /// `url` answers 200 with `document`.
    pub fn serve(&self, url: &str, document: Value) {
        self.set(url, Answer::Document(document));
    }

    /// `url` answers HTTP `status` (404 and 410 for gone things, 5xx for trouble).
    pub fn fail(&self, url: &str, status: u16) {
        self.set(url, Answer::Status(status));
    }

    /// Every URL fetched so far, in order.
    pub fn asked(&self) -> Vec<String> {
        lock(&self.asked).clone()
    }

    /// The answer for `url`, when one is canned; `None` sends the request to the network.
    pub(super) fn answer(&self, url: &Url) -> Option<Result<FetchedDocument, FetchError>> {
        lock(&self.asked).push(url.to_string());
        let answer = lock(&self.answers).get(url.as_str()).cloned()?;
        Some(match answer {
            Answer::Status(status) => Err(FetchError::Status(status)),
            Answer::Document(json) => match json.get("id").and_then(Value::as_str) {
                None => Err(FetchError::NoId),
                Some(id) if id != url.as_str() => Err(FetchError::IdMismatch {
                    url: url.to_string(),
                    id: id.to_owned(),
                }),
                Some(_) => Ok(FetchedDocument {
                    final_url: url.clone(),
                    json,
                }),
            },
        })
    }

    fn set(&self, url: &str, answer: Answer) {
        lock(&self.answers).insert(url.to_owned(), answer);
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

//! `Problem`: what a page says when a form came back refused, and which field it marks; and
//! how a service's refusal becomes one.

use crate::error::AppError;
use crate::service::ServiceError;
use axum::http::StatusCode;

/// A problem with a form as sent: the message, and the field it is about (if one).
#[derive(Debug, Default)]
pub struct Problem {
    pub message: String,
    pub field: &'static str,
}

impl Problem {
    /// The message as a sentence: services write messages in lower case, for logs and JSON.
    pub fn sentence(&self) -> String {
        let mut chars = self.message.chars();
        chars.next().map_or_else(String::new, |first| {
            first.to_uppercase().chain(chars).collect()
        })
    }
}

impl Problem {
    /// The status a page with `problem` answers (200 without one), and the problem to show.
    pub fn with_status(problem: Option<(StatusCode, Problem)>) -> (StatusCode, Option<Problem>) {
        match problem {
            Some((status, problem)) => (status, Some(problem)),
            None => (StatusCode::OK, None),
        }
    }

    /// A service's refusal as a problem on the form page, with the page's status: an invalid
    /// field is marked; a conflict marks `conflict_field` (a taken handle, say); a refusal or
    /// something missing is said without a field. Anything else is no form problem and goes to
    /// the error page.
    pub fn of(
        error: ServiceError,
        conflict_field: &'static str,
    ) -> Result<(StatusCode, Problem), AppError> {
        let (status, message, field) = match error {
            ServiceError::Invalid { field, message } => {
                (StatusCode::UNPROCESSABLE_ENTITY, message, field)
            }
            ServiceError::Conflict(message) => (StatusCode::CONFLICT, message, conflict_field),
            ServiceError::Forbidden(message) => (StatusCode::FORBIDDEN, message, ""),
            ServiceError::NotFound(message) => (StatusCode::NOT_FOUND, message, ""),
            other => return Err(other.into()),
        };
        Ok((status, Problem { message, field }))
    }
}

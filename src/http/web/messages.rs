//! What services say when they refuse, in the page's language. Services write their messages in
//! English, for logs and the JSON API; the pages look each one up here by its English wording
//! (`{}` stands for the one part that varies, passed to the catalogue as `$value`). A message
//! not listed is shown as written, marked `lang="en"` on a page in another language so that
//! screen readers pronounce it right. A unit test holds every wording listed to the source that
//! writes it, so a changed wording cannot silently fall back to English.

use super::i18n::Tr;

/// Each English wording and its catalogue key.
const MESSAGES: &[(&str, &str)] = &[
    ("must not be empty", "problem-empty"),
    ("the two passwords differ", "problem-passwords-differ"),
    (
        "the password must have at least {} characters",
        "problem-password-short",
    ),
    (
        "the password may have at most {} characters",
        "problem-password-long",
    ),
    ("a handle must not be empty", "problem-handle-empty"),
    (
        "a handle may have at most {} characters",
        "problem-handle-long",
    ),
    (
        "a handle may contain only letters a-z, digits and '_' (found {})",
        "problem-handle-letters",
    ),
    (
        "the handle '{}' is reserved for the instance",
        "problem-handle-reserved",
    ),
    ("the handle '{}' is already taken", "problem-handle-taken"),
    ("may have at most {} characters", "problem-too-long"),
    ("1 to {} characters", "problem-length"),
    (
        "the handle or the password is wrong",
        "problem-sign-in-wrong",
    ),
    (
        "too many attempts to sign in; try again in {} seconds",
        "problem-sign-in-too-many",
    ),
    (
        "your account waits for an administrator's approval",
        "problem-awaiting-approval",
    ),
    (
        "this account is disabled; ask an administrator",
        "problem-disabled",
    ),
    (
        "type your address, like you@your.server",
        "problem-type-address",
    ),
    ("{} did not answer", "problem-server-silent"),
    (
        "{} does not know this account: check the address",
        "problem-unknown-account",
    ),
    (
        "only owners and admins of '{}' may do this",
        "problem-managers-only",
    ),
    (
        "only the instance's administrators may do this",
        "problem-admins-only",
    ),
    (
        "only the instance's administrators create organizations",
        "problem-admins-only",
    ),
    (
        "only administrators change the instance's settings",
        "problem-admins-only",
    ),
    ("'{}' already hosts the campaign", "problem-already-hosts"),
    (
        "only posts that reached this server can be reported",
        "problem-report-unknown",
    ),
    (
        "this instance does not take sign-ups; an administrator can create your account",
        "signup-closed",
    ),
];

/// `message` in the language of `tr`, when the catalogue has it.
pub fn localized(tr: &Tr, message: &str) -> Option<String> {
    let (value, key) = MESSAGES
        .iter()
        .find_map(|(wording, key)| matches(wording, message).map(|value| (value, *key)))?;
    Some(match value {
        Some(value) => tr.ts(key, "value", value),
        None => tr.t(key),
    })
}

/// Whether `message` has `wording`'s words: `Some(None)` for a wording with nothing that
/// varies, `Some(Some(part))` with the part `{}` stands for. What a message adds after the
/// wording (" (connection refused): check the address") is left out of the translation.
fn matches<'m>(wording: &str, message: &'m str) -> Option<Option<&'m str>> {
    match wording.split_once("{}") {
        None => (wording == message).then_some(None),
        Some((before, after)) => {
            let rest = message.strip_prefix(before)?;
            let end = if after.is_empty() {
                rest.len()
            } else {
                rest.find(after)?
            };
            let value = &rest[..end];
            (!value.is_empty()).then_some(Some(value))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{MESSAGES, localized, matches};
    use crate::http::web::i18n::Tr;

    #[test]
    fn wordings_match_with_the_part_that_varies() {
        assert_eq!(
            matches("must not be empty", "must not be empty"),
            Some(None)
        );
        assert_eq!(matches("must not be empty", "must be empty"), None);
        assert_eq!(
            matches(
                "the handle '{}' is already taken",
                "the handle 'rosa' is already taken"
            ),
            Some(Some("rosa"))
        );
        assert_eq!(
            matches(
                "may have at most {} characters",
                "may have at most 100 characters"
            ),
            Some(Some("100"))
        );
        assert_eq!(
            matches("may have at most {} characters", "may have at most"),
            None
        );
    }

    #[test]
    fn refusals_are_said_in_french_on_french_pages() {
        let french = Tr::negotiate(Some("fr"));
        assert_eq!(
            localized(&french, "the handle 'rosa' is already taken").as_deref(),
            Some("L'identifiant « rosa » est déjà pris.")
        );
        assert_eq!(localized(&french, "something nobody listed"), None);
        let english = Tr::negotiate(Some("en"));
        assert_eq!(
            localized(&english, "must not be empty").as_deref(),
            Some("This must not be empty.")
        );
    }

    /// Every wording listed is one the code writes, so that changing a message without its
    /// entry here fails.
    #[test]
    fn every_listed_wording_is_written_by_the_code() {
        let mut sources = String::new();
        let mut stack = vec![std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("reads the sources") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    stack.push(path);
                } else if path.extension().is_some_and(|e| e == "rs")
                    && !path.ends_with("messages.rs")
                {
                    sources.push_str(&std::fs::read_to_string(&path).expect("reads"));
                }
            }
        }
        // Source text joins long strings with "\" and a line break; compare without them.
        let flat: String = sources
            .split("\\\n")
            .map(str::trim_start)
            .collect::<Vec<_>>()
            .join("");
        for (wording, _) in MESSAGES {
            for piece in wording.split("{}").filter(|piece| piece.trim().len() > 3) {
                assert!(
                    flat.contains(piece.trim()),
                    "no code writes {piece:?} (of {wording:?}) any more"
                );
            }
        }
    }
}

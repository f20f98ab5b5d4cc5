//! `Password`: a plain-text password on its way to being hashed, never printed.

use std::fmt;

/// Shortest password accepted (NIST SP 800-63B asks for at least 8).
pub const MIN_PASSWORD_LEN: usize = 8;
/// Longest password accepted; bounds the work one login attempt can cause.
pub const MAX_PASSWORD_LEN: usize = 1024;

/// A password that meets the length rules. Its `Debug` is redacted.
#[derive(Clone)]
pub struct Password(String);

/// Why a password was refused.
#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum PasswordError {
    #[error("the password must have at least {MIN_PASSWORD_LEN} characters")]
    TooShort,
    #[error("the password may have at most {MAX_PASSWORD_LEN} characters")]
    TooLong,
}

impl Password {
    /// Accepts a password as typed; only a trailing line break (from stdin) is removed.
    pub fn parse(input: &str) -> Result<Self, PasswordError> {
        let trimmed = input.trim_end_matches(['\r', '\n']);
        let len = trimmed.chars().count();
        if len < MIN_PASSWORD_LEN {
            return Err(PasswordError::TooShort);
        }
        if len > MAX_PASSWORD_LEN {
            return Err(PasswordError::TooLong);
        }
        Ok(Self(trimmed.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Password {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Password(<redacted>)")
    }
}

#[cfg(test)]
mod tests {
    use super::{Password, PasswordError};

    #[test]
    fn strips_only_the_line_break_of_stdin() {
        let password = Password::parse("  correct horse \n").expect("long enough");
        assert_eq!(password.expose(), "  correct horse ");
        assert_eq!(format!("{password:?}"), "Password(<redacted>)");
    }

    #[test]
    fn enforces_length() {
        assert_eq!(
            Password::parse("short\n").err(),
            Some(PasswordError::TooShort)
        );
        assert_eq!(
            Password::parse(&"x".repeat(1025)).err(),
            Some(PasswordError::TooLong)
        );
    }
}

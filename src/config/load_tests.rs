//! Tests of layered configuration loading.

use super::{ConfigError, from_sources};
use crate::config::Backend;
use crate::domain::InstanceRole;
use std::path::PathBuf;

fn env(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
    pairs
        .iter()
        .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
        .collect()
}

fn file(text: &str) -> Option<(PathBuf, String)> {
    Some((PathBuf::from("coop.toml"), text.to_owned()))
}

#[test]
fn defaults_serve_localhost_on_sqlite_with_development_federation() {
    let loaded = from_sources(None, env(&[("HOME", "/root")])).expect("defaults are valid");
    let config = loaded.config;
    assert_eq!(config.domain.as_str(), "localhost:8080");
    assert_eq!(config.listen.to_string(), "127.0.0.1:8080");
    assert_eq!(config.database_url.backend(), Backend::Sqlite);
    assert_eq!(config.role, InstanceRole::Platform);
    assert!(config.federation.allow_plain_http);
    assert!(config.federation.allow_private_addresses);
    assert_eq!(config.public_url(), "http://localhost:8080");
    assert!(loaded.warnings.is_empty());
}

#[test]
fn a_public_domain_turns_development_settings_off_unless_asked() {
    let config = from_sources(file("domain = \"coop.example\"\n"), env(&[]))
        .expect("valid")
        .config;
    assert!(!config.federation.allow_plain_http);
    assert!(!config.federation.allow_private_addresses);
    assert_eq!(config.public_url(), "https://coop.example");

    let config = from_sources(
        file("domain = \"coop.example\"\n[federation]\nallow_plain_http = true\n"),
        env(&[]),
    )
    .expect("valid")
    .config;
    assert!(config.federation.allow_plain_http);
    assert!(!config.federation.allow_private_addresses);
}

#[test]
fn environment_overrides_the_file_with_typed_values() {
    let loaded = from_sources(
        file("domain = \"coop.example\"\nrole = \"platform\"\n[instance]\nname = \"File\"\n"),
        env(&[
            ("SOLIDARITY_ROLE", "software"),
            ("SOLIDARITY_INSTANCE__NAME", "2026"),
            ("SOLIDARITY_FEDERATION__ALLOW_PRIVATE_ADDRESSES", "true"),
            (
                "SOLIDARITY_FEDERATION__ALLOWED_PRIVATE_HOSTS",
                "a.test, b.test",
            ),
            ("SOLIDARITY_LIMITS__REQUEST_TIMEOUT_SECS", "5"),
            ("SOLIDARITY_CONFIG", "ignored.toml"),
        ]),
    )
    .expect("valid");
    let config = loaded.config;
    assert_eq!(config.role, InstanceRole::Software);
    assert_eq!(config.instance.name, "2026");
    assert!(config.federation.allow_private_addresses);
    assert_eq!(
        config.federation.allowed_private_hosts,
        ["a.test", "b.test"]
    );
    assert_eq!(config.limits.request_timeout.as_secs(), 5);
    assert!(loaded.warnings.is_empty(), "{:?}", loaded.warnings);
}

#[test]
fn unknown_keys_are_warnings_that_name_their_origin() {
    let loaded = from_sources(
        file("colour = \"red\"\n[instance]\nnmae = \"typo\"\n"),
        env(&[
            ("SOLIDARITY_LISTEN_ADDR", "x"),
            ("SOLIDARITY_BENCH_PEERS", "1000"),
        ]),
    )
    .expect("unknown keys are not fatal");
    let warnings = loaded.warnings.join("\n");
    assert!(warnings.contains("colour (in coop.toml)"), "{warnings}");
    assert!(
        warnings.contains("instance.nmae (in coop.toml)"),
        "{warnings}"
    );
    assert!(
        warnings.contains("listen_addr (set by SOLIDARITY_LISTEN_ADDR) is ignored; did you mean"),
        "{warnings}"
    );
    // A variable of another tool's, like no key of ours, is left alone.
    assert!(!warnings.contains("bench_peers"), "{warnings}");
    assert_eq!(loaded.warnings.len(), 3, "{warnings}");
}

fn error_of(file_text: Option<&str>, pairs: &[(&str, &str)]) -> String {
    match from_sources(file_text.and_then(file), env(pairs)) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e.to_string(),
    }
}

#[test]
fn invalid_values_name_the_key_and_where_it_was_set() {
    let cases = [
        (
            Some("role = \"cooperative\"\n"),
            vec![],
            "invalid value for role (in coop.toml)",
        ),
        (
            None,
            vec![("SOLIDARITY_LISTEN", "localhost")],
            "invalid value for listen (set by SOLIDARITY_LISTEN)",
        ),
        (
            Some("database_url = \"mysql://x\"\n"),
            vec![],
            "unknown database scheme 'mysql'",
        ),
        (
            Some("domain = \"https://x.example\"\n"),
            vec![],
            "invalid value for domain (in coop.toml)",
        ),
        (
            None,
            vec![("SOLIDARITY_LIMITS__REQUEST_BODY_BYTES", "lots")],
            "limits.request_body_bytes (set by SOLIDARITY_LIMITS__REQUEST_BODY_BYTES): 'lots' is not a whole number",
        ),
        (
            Some("[instance]\nname = 7\n"),
            vec![],
            "invalid value for instance.name (in coop.toml)",
        ),
        (
            Some("[federation]\nallow_plain_http = \"sometimes\"\n"),
            vec![],
            "federation.allow_plain_http",
        ),
    ];
    for (text, pairs, expected) in cases {
        let message = error_of(text, &pairs);
        assert!(
            message.contains(expected),
            "{message:?} should contain {expected:?}"
        );
        assert!(!message.contains('\n'), "one line: {message:?}");
    }
}

#[test]
fn a_malformed_file_names_the_file_and_line() {
    let error =
        from_sources(file("domain = \"x.example\"\nlisten = \n"), env(&[])).expect_err("malformed");
    assert!(
        matches!(
            error.problems.as_slice(),
            [ConfigError::Syntax { line: 2, .. }]
        ),
        "{error:?}"
    );
    let message = error.to_string();
    assert!(
        message.starts_with("config file coop.toml is not valid TOML (line 2)"),
        "{message}"
    );
    assert!(!message.contains('\n'), "{message:?}");
}

#[test]
fn every_invalid_value_is_reported_in_one_reading() {
    let error = from_sources(
        file("domain = \"https://x.example/\"\nlisten = \"nowhere\"\n[instance]\nname = 7\n[limits]\nrequest_body_bytes = 10\ninbox_per_host_per_minute = 0\n"),
        env(&[
            ("SOLIDARITY_DATABASE_URL", "mysql://db/x"),
            ("SOLIDARITY_LIMITS__REQUEST_TIMEOUT_SECS", "soon"),
        ]),
    )
    .expect_err("invalid");
    let keys: Vec<String> = error
        .problems
        .iter()
        .map(|problem| match problem {
            ConfigError::Invalid { key, .. } => key.clone(),
            other => panic!("unexpected {other:?}"),
        })
        .collect();
    for key in [
        "domain",
        "listen",
        "database_url",
        "instance.name",
        "limits.request_body_bytes",
        "limits.request_timeout_secs",
        "limits.inbox_per_host_per_minute",
    ] {
        assert!(
            keys.contains(&key.to_owned()),
            "{key} missing from {keys:?}"
        );
    }
    assert_eq!(keys.len(), 7, "{keys:?}");
    let line = error.to_string();
    assert!(
        !line.contains('\n') && line.matches("; ").count() == 6,
        "{line}"
    );
    assert!(error.domain.is_none() && error.database_url.is_none());

    // The database can still be checked when only other keys are wrong.
    let error = from_sources(file("listen = \"nowhere\"\n"), env(&[])).expect_err("invalid");
    assert!(error.database_url.is_some() && error.domain.is_some());
}

#[test]
fn a_section_given_as_a_value_is_a_problem_not_a_warning() {
    let error = from_sources(file("limits = 5\n"), env(&[])).expect_err("invalid");
    assert!(
        error
            .to_string()
            .contains("invalid value for limits (in coop.toml)"),
        "{error}"
    );
    assert!(error.warnings.is_empty(), "{:?}", error.warnings);
}

//! `solidarity check-config`: every problem with the configuration in one run, then the
//! database: that it opens (or, for a SQLite file not created yet, that it could be) and that
//! it was first served under the configured domain. Nothing is created or migrated.

use crate::config::{self, Config, ConfigError, DatabaseUrl, Origins};
use crate::domain::Domain;
use crate::service::instance::{self, DatabaseCheck};
use std::path::Path;
use std::process::ExitCode;

/// Checks and reports; the exit code is non-zero when anything is wrong.
pub async fn run(path: Option<&Path>) -> ExitCode {
    let (config, mut problems, warnings, origins, domain, database_url) = match config::load(path) {
        Ok(loaded) => {
            let domain = loaded.config.domain.clone();
            let url = loaded.config.database_url.clone();
            let config = loaded.config;
            (
                Some(config),
                Vec::new(),
                loaded.warnings,
                loaded.origins,
                Some(domain),
                Some(url),
            )
        }
        Err(invalid) => (
            None,
            invalid.problems,
            invalid.warnings,
            invalid.origins,
            invalid.domain,
            invalid.database_url,
        ),
    };
    for warning in &warnings {
        tracing::warn!("{warning}");
    }
    let database = match &database_url {
        Some(url) => check_database(url, domain.as_ref(), &origins, &mut problems).await,
        None => None,
    };
    match config {
        Some(config) if problems.is_empty() => {
            summarise(&config, database.as_deref());
            ExitCode::SUCCESS
        }
        _ => {
            for problem in &problems {
                eprintln!("error: {problem}");
            }
            ExitCode::FAILURE
        }
    }
}

/// Checks the database at `url`, noting problems; a description when it is usable.
async fn check_database(
    url: &DatabaseUrl,
    domain: Option<&Domain>,
    origins: &Origins,
    problems: &mut Vec<ConfigError>,
) -> Option<String> {
    let mismatch = |key: &str, message: String| ConfigError::Mismatch {
        key: key.to_owned(),
        origin: origins.of(key),
        message,
    };
    match instance::check_database(url).await {
        Err(error) => {
            problems.push(mismatch("database_url", error.to_string()));
            None
        }
        Ok(DatabaseCheck::WillBeCreated) => {
            Some("not created yet (serve or migrate creates it)".to_owned())
        }
        Ok(DatabaseCheck::Opens { bound_to: None }) => {
            Some("opens, not yet bound to a domain (serve binds it)".to_owned())
        }
        Ok(DatabaseCheck::Opens {
            bound_to: Some(bound),
        }) => {
            if let Some(message) =
                domain.and_then(|domain| instance::domain_mismatch(&bound, domain))
            {
                problems.push(mismatch("domain", message));
            }
            Some(format!("opens, ids minted under {bound}"))
        }
    }
}

fn summarise(config: &Config, database: Option<&str>) {
    println!(
        "configuration is valid: domain {}, public URL {}, listening on {}, database {}, role {}",
        config.domain,
        config.public_url(),
        config.listen,
        config.database_url,
        config.role
    );
    if let Some(database) = database {
        println!("database {}: {database}", config.database_url);
    }
}

//! A clean place per scenario: a temporary directory (the SQLite file, the instance's log),
//! removed afterwards unless the scenario failed, and a database. On SQLite each scenario makes
//! its own file; on PostgreSQL each gets a schema of its own in the database given
//! (`search_path` set in the URL), dropped afterwards, so `bench all --postgres URL` runs every
//! scenario on empty tables.

use crate::config::DatabaseUrl;
use crate::db::Store;
use anyhow::Context;
use std::future::Future;
use std::path::PathBuf;

/// Where a scenario runs.
pub struct Place {
    pub dir: PathBuf,
    pub database_url: DatabaseUrl,
    pub postgres: bool,
}

impl Place {
    /// The store of the scenario's database, migrated.
    pub async fn store(&self) -> anyhow::Result<Store> {
        let store = Store::connect(&self.database_url).await?;
        store.migrate().await?;
        Ok(store)
    }

    /// `sqlite` or `postgresql`, for reports.
    pub fn database(&self) -> String {
        if self.postgres {
            "postgresql"
        } else {
            "sqlite"
        }
        .to_owned()
    }
}

/// Runs `scenario` in a place of its own: a new directory and a new SQLite file in it, or a
/// fresh schema of `postgres`; cleans up afterwards, keeping the directory if it failed.
pub async fn within<T, F, Fut>(postgres: Option<&str>, name: &str, scenario: F) -> anyhow::Result<T>
where
    F: FnOnce(Place) -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
{
    let dir = std::env::temp_dir().join(format!("solidarity-bench-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
    let schema = format!(
        "bench_{name}_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let admin = match postgres {
        Some(url) => {
            sqlx::any::install_default_drivers();
            let pool = sqlx::AnyPool::connect(url)
                .await
                .map_err(|e| anyhow::anyhow!("connecting to {url}: {e}"))?;
            sqlx::query(&format!("CREATE SCHEMA {schema}"))
                .execute(&pool)
                .await?;
            Some(pool)
        }
        None => None,
    };
    let text = match postgres {
        Some(url) => {
            let separator = if url.contains('?') { '&' } else { '?' };
            format!("{url}{separator}options=-c%20search_path%3D{schema}")
        }
        None => format!("sqlite:{}", dir.join("bench.db").display()),
    };
    let database_url =
        DatabaseUrl::parse(&text).map_err(|e| anyhow::anyhow!("database {text}: {e}"))?;
    let place = Place {
        dir: dir.clone(),
        database_url,
        postgres: postgres.is_some(),
    };
    let result = scenario(place).await;
    if let Some(pool) = admin {
        sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
            .execute(&pool)
            .await?;
        pool.close().await;
    }
    if result.is_ok() {
        let _ = std::fs::remove_dir_all(&dir);
    } else {
        eprintln!("the instance's log is kept in {}", dir.display());
    }
    result
}

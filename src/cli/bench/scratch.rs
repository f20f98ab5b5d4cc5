//! A clean database per scenario. On SQLite each scenario makes its own file; on PostgreSQL
//! each gets a schema of its own in the database given (`search_path` set in the URL), dropped
//! afterwards, so `bench all --postgres URL` runs every scenario on empty tables.

use std::future::Future;

/// Runs `scenario` with the PostgreSQL URL to use (a fresh schema of `postgres`), or `None`
/// for SQLite; drops the schema afterwards, whatever the outcome.
pub async fn within<T, F, Fut>(postgres: Option<&str>, name: &str, scenario: F) -> anyhow::Result<T>
where
    F: FnOnce(Option<String>) -> Fut,
    Fut: Future<Output = anyhow::Result<T>>,
{
    let Some(url) = postgres else {
        return scenario(None).await;
    };
    sqlx::any::install_default_drivers();
    let schema = format!(
        "bench_{name}_{}",
        &uuid::Uuid::new_v4().simple().to_string()[..8]
    );
    let pool = sqlx::AnyPool::connect(url)
        .await
        .map_err(|e| anyhow::anyhow!("connecting to {url}: {e}"))?;
    sqlx::query(&format!("CREATE SCHEMA {schema}"))
        .execute(&pool)
        .await?;
    let separator = if url.contains('?') { '&' } else { '?' };
    let scoped = format!("{url}{separator}options=-c%20search_path%3D{schema}");
    let result = scenario(Some(scoped)).await;
    sqlx::query(&format!("DROP SCHEMA {schema} CASCADE"))
        .execute(&pool)
        .await?;
    pool.close().await;
    result
}

//! Domain blocks: remote domains this instance refuses to talk to. A block covers the domain and
//! every subdomain; hosts are compared in `HostName` form (lower case, no trailing dot, no port,
//! A-labels), so `EVIL.test.:443` is `evil.test`.

use super::WriteTx;
use super::{DbError, Store, now_millis};
use crate::domain::HostName;

/// A stored block.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DbDomainBlock {
    pub domain: HostName,
    pub reason: String,
    pub created_at: i64,
}

/// A follow relationship a block removed: a local actor's handle and a remote actor's id.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RemovedFollow {
    pub local_handle: String,
    pub remote_actor: String,
}

/// What adding a block changed, all in one transaction.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockApplied {
    /// False when the domain was blocked already (its reason is updated when a new one is given).
    pub newly_blocked: bool,
    /// Remote actors on the domain that followed local actors.
    pub followers_removed: Vec<RemovedFollow>,
    /// Local actors' follows of remote actors on the domain.
    pub following_removed: Vec<RemovedFollow>,
    /// Pending deliveries to the domain, now failed with "blocked".
    pub deliveries_failed: u64,
}

/// The error recorded on deliveries that were not attempted because their host is blocked.
pub const BLOCKED_DELIVERY_ERROR: &str = "blocked";

/// `host` columns hold an authority (`host[:port]`); these patterns find the candidates covered
/// by `$1` in SQL, and `covered` then checks each exactly (`_` is a LIKE wildcard).
const HOST_CANDIDATES: &str = "(host = $1 OR host LIKE $2 OR host LIKE $3 OR host LIKE $4)";

fn candidate_patterns(domain: &HostName) -> [String; 4] {
    let name = domain.as_str();
    [
        name.to_owned(),
        format!("{name}:%"),
        format!("%.{name}"),
        format!("%.{name}:%"),
    ]
}

fn covered(host: &str, domain: &HostName) -> bool {
    HostName::parse(host).is_ok_and(|host| host.is_within(domain))
}

impl Store {
    /// Blocks `domain`, and in the same transaction removes every follow relationship with
    /// actors on it (both directions) and fails its pending deliveries.
    pub async fn add_domain_block(
        &self,
        domain: &HostName,
        reason: &str,
    ) -> Result<BlockApplied, DbError> {
        let now = now_millis();
        let mut tx = self.begin_write().await?;
        let inserted = sqlx::query(
            "INSERT INTO domain_blocks (domain, reason, created_at) VALUES ($1, $2, $3) \
             ON CONFLICT (domain) DO NOTHING",
        )
        .bind(domain.as_str())
        .bind(reason)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        let newly_blocked = inserted.rows_affected() > 0;
        if !newly_blocked && !reason.is_empty() {
            sqlx::query("UPDATE domain_blocks SET reason = $1 WHERE domain = $2")
                .bind(reason)
                .bind(domain.as_str())
                .execute(&mut *tx)
                .await?;
        }
        let mut applied = BlockApplied {
            newly_blocked,
            ..BlockApplied::default()
        };
        let sql = format!("SELECT id, host FROM remote_actors WHERE {HOST_CANDIDATES} ORDER BY id");
        let mut query = sqlx::query_as::<_, (i64, String)>(&sql);
        for pattern in candidate_patterns(domain) {
            query = query.bind(pattern);
        }
        let actors = query.fetch_all(&mut *tx).await?;
        for (remote_actor_id, _) in actors.iter().filter(|(_, host)| covered(host, domain)) {
            applied
                .followers_removed
                .extend(remove_follows(&mut tx, "followers", *remote_actor_id).await?);
            applied
                .following_removed
                .extend(remove_follows(&mut tx, "following", *remote_actor_id).await?);
        }
        let sql = format!(
            "SELECT DISTINCT host FROM deliveries WHERE state = 'pending' AND {HOST_CANDIDATES}"
        );
        let mut query = sqlx::query_scalar::<_, String>(&sql);
        for pattern in candidate_patterns(domain) {
            query = query.bind(pattern);
        }
        let hosts = query.fetch_all(&mut *tx).await?;
        for host in hosts.iter().filter(|host| covered(host, domain)) {
            let failed = sqlx::query(
                "UPDATE deliveries SET state = 'failed', last_error = $1, lease_until = NULL, \
                 updated_at = $2 WHERE host = $3 AND state = 'pending'",
            )
            .bind(BLOCKED_DELIVERY_ERROR)
            .bind(now)
            .bind(host)
            .execute(&mut *tx)
            .await?;
            applied.deliveries_failed += failed.rows_affected();
        }
        tx.commit().await?;
        self.blocks.changed();
        Ok(applied)
    }

    /// Lifts the block on exactly `domain`; false when there was none. Relationships removed by
    /// the block stay removed: remote actors follow again if they want to.
    pub async fn remove_domain_block(&self, domain: &HostName) -> Result<bool, DbError> {
        let removed = sqlx::query("DELETE FROM domain_blocks WHERE domain = $1")
            .bind(domain.as_str())
            .execute(self.pool())
            .await?;
        self.blocks.changed();
        Ok(removed.rows_affected() > 0)
    }

    /// Every block, by domain.
    pub async fn domain_blocks(&self) -> Result<Vec<DbDomainBlock>, DbError> {
        let rows: Vec<(String, String, i64)> =
            sqlx::query_as("SELECT domain, reason, created_at FROM domain_blocks ORDER BY domain")
                .fetch_all(self.pool())
                .await?;
        Ok(rows
            .into_iter()
            .map(|(domain, reason, created_at)| DbDomainBlock {
                domain: HostName::from_trusted(domain),
                reason,
                created_at,
            })
            .collect())
    }
}

/// Deletes the rows of `table` (`followers` or `following`) with `remote_actor_id`, returning
/// who they linked.
async fn remove_follows(
    tx: &mut WriteTx,
    table: &'static str,
    remote_actor_id: i64,
) -> Result<Vec<RemovedFollow>, DbError> {
    let pairs: Vec<(String, String)> = sqlx::query_as(&format!(
        "SELECT a.handle, r.ap_id FROM {table} f \
         JOIN local_actors a ON a.id = f.local_actor_id \
         JOIN remote_actors r ON r.id = f.remote_actor_id \
         WHERE f.remote_actor_id = $1 ORDER BY a.handle"
    ))
    .bind(remote_actor_id)
    .fetch_all(&mut **tx)
    .await?;
    sqlx::query(&format!("DELETE FROM {table} WHERE remote_actor_id = $1"))
        .bind(remote_actor_id)
        .execute(&mut **tx)
        .await?;
    Ok(pairs
        .into_iter()
        .map(|(local_handle, remote_actor)| RemovedFollow {
            local_handle,
            remote_actor,
        })
        .collect())
}

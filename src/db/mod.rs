//! The store: one connection pool over SQLite or PostgreSQL, chosen at run time by the URL
//! scheme. Queries are written once in portable SQL (`$1` placeholders work on both); rows are
//! private to this module and come out as the stored types below.

mod account_links;
mod actions;
mod actor_memo;
mod actors;
mod assertion_keys;
mod ballot_papers;
mod blocked_set;
mod calendar_keys;
mod campaign_invitations;
mod campaigns;
mod cohosts;
mod deleted_actors;
mod deliveries;
mod delivery_leases;
mod dialect;
mod documents;
mod domain_blocks;
mod error;
mod events;
mod follows;
mod inbox;
mod instances;
mod network_log;
mod network_memberships;
mod notes;
mod org_members;
mod organizations;
mod own_participations;
mod polls;
mod probe;
mod proposals;
mod published;
mod registry;
mod registry_applications;
mod remote_actors;
mod remote_objects;
mod reports;
mod rsvps;
mod search;
mod secret_ballots;
mod sent_reports;
mod sent_rsvps;
mod settings;
mod tokens;
mod users;
mod version;
mod web_sessions;
mod write_tx;

pub use account_links::LinkKind;
pub use actions::{ActionDetails, ActionProgress, DbAction, DbParticipation, NewParticipation};
pub use actors::{DbLocalActor, NewActorKeys};
pub use assertion_keys::DbAssertionKey;
pub use ballot_papers::{DbBallotPaper, DbCastBallot};
pub use campaign_invitations::{DbCampaignInvitation, DbProposedItem};
pub use campaigns::{CampaignDetails, DbCampaign, DbCampaignItem};
pub use cohosts::{DbCohost, DbCohostInvitation};
pub use deliveries::{ClaimedDelivery, DeliveryOutcome, HostQueueStats, NewActivity, Recipients};
pub use delivery_leases::{InstanceHealth, MAX_AVOIDED_HOSTS};
pub use domain_blocks::{BLOCKED_DELIVERY_ERROR, BlockApplied, DbDomainBlock, RemovedFollow};
pub use error::DbError;
pub use events::{DbEvent, EventDetails};
pub use follows::{FollowState, NewFollower, Reply};
pub use inbox::{ClaimedInboxActivity, HeldConnection, MAX_INBOX_ATTEMPTS, NewInboxActivity};
pub use instances::UNREACHABLE_AFTER_FAILURES;
pub use network_memberships::DbNetworkMembership;
pub use notes::DbNote;
pub use org_members::{DbMember, DbOrgInvitation};
pub use organizations::{DbOrganization, DbOrganizationListing, NewOrganization};
pub use own_participations::DbOwnParticipation;
pub use polls::DbPoll;
pub use proposals::{BallotKept, DbBallot, DbProposal};
pub use registry::DbRegistryClass;
pub use remote_actors::{
    ACTOR_DELETED_DELIVERY_ERROR, ActorRemoved, DbRemoteActor, NewRemoteActor,
};
pub use remote_objects::{NewRemoteObject, StoredObjectState, TimelineEntry, Via};
pub use reports::{DbReport, NewReport};
pub use rsvps::{DbRsvp, EventCounts, NewRsvp, RsvpApplied, RsvpVia};
pub use secret_ballots::{DbSecretChoice, SecretKept, SecretSlot};
pub use sent_reports::DbSentReport;
pub use sent_rsvps::{DbSentRsvp, SentRsvpState};
pub use tokens::{DbToken, DbTokenListing};
pub use users::{DbUser, NewUser};
pub use version::{FRESH_FOR, Stamp};
pub use web_sessions::{DbWebSession, WebSessionRow};
pub use write_tx::WriteTx;

use crate::config::{Backend, DatabaseUrl};
use sqlx::any::{AnyConnectOptions, AnyPoolOptions};
use sqlx::migrate::Migrator;
use sqlx::{AnyPool, Executor};
use std::str::FromStr;
use std::time::Duration;
use version::Version;

static SQLITE_MIGRATIONS: Migrator = sqlx::migrate!("migrations/sqlite");
static POSTGRES_MIGRATIONS: Migrator = sqlx::migrate!("migrations/postgres");

/// How long a request may wait for a free connection before the store counts as unavailable.
const ACQUIRE_TIMEOUT: Duration = Duration::from_secs(5);

/// The database behind an instance. Cheap to clone: clones share one pool.
#[derive(Clone, Debug)]
pub struct Store {
    pool: AnyPool,
    backend: Backend,
    /// Woken after every commit that queued deliveries (see `WriteTx`).
    delivery_waker: std::sync::Arc<tokio::sync::Notify>,
    /// Counts the writes that change what the instance publishes about its actors (see
    /// `documents.rs`).
    documents: Version,
    /// The blocked domains, kept in memory (see `blocked_set.rs`).
    blocks: blocked_set::BlockedSet,
    /// The remote actors read lately (see `actor_memo.rs`).
    actors: actor_memo::ActorMemo,
    /// The hosts recorded alive lately (see `instances.rs`).
    alive: instances::AliveHosts,
    /// Writers take turns on SQLite (see `write_tx.rs`).
    turns: write_tx::WriteTurns,
}

impl Store {
    /// Opens the pool. For SQLite, creates the data directory and the file when missing and
    /// switches the database to WAL with `synchronous = NORMAL`; foreign keys are on and the
    /// busy timeout is 5 s (sqlx defaults).
    pub async fn connect(url: &DatabaseUrl) -> Result<Self, DbError> {
        sqlx::any::install_default_drivers();
        let backend = url.backend();
        let mut connect_url = url.expose().to_owned();
        let mut pool = AnyPoolOptions::new().acquire_timeout(ACQUIRE_TIMEOUT);
        match backend {
            Backend::Sqlite => {
                let path = url.sqlite_path();
                if let Some(dir) = path
                    .as_deref()
                    .and_then(std::path::Path::parent)
                    .filter(|dir| !dir.as_os_str().is_empty())
                {
                    std::fs::create_dir_all(dir).map_err(|source| DbError::DataDirectory {
                        path: dir.to_owned(),
                        source,
                    })?;
                }
                connect_url = with_sqlite_mode(connect_url, "rwc");
                // No ping before each use: the database is a local file, and a ping is a round
                // trip to the connection's thread on every query (sqlx pings again on release).
                pool = pool
                    .max_connections(8)
                    .test_before_acquire(false)
                    .after_connect(|conn, _meta| {
                        Box::pin(async move {
                            conn.execute("PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;")
                                .await
                                .map(|_| ())
                        })
                    });
            }
            Backend::Postgres => pool = pool.max_connections(10).test_before_acquire(false),
        }
        let options =
            AnyConnectOptions::from_str(&connect_url).map_err(|source| DbError::Open {
                url: url.redacted(),
                source,
            })?;
        let pool = pool
            .connect_with(options)
            .await
            .map_err(|source| DbError::Open {
                url: url.redacted(),
                source,
            })?;
        Ok(Self::from_pool(pool, backend))
    }

    fn from_pool(pool: AnyPool, backend: Backend) -> Self {
        Self {
            pool,
            backend,
            delivery_waker: std::sync::Arc::default(),
            documents: Version::default(),
            blocks: blocked_set::BlockedSet::default(),
            actors: actor_memo::ActorMemo::default(),
            alive: instances::AliveHosts::default(),
            turns: write_tx::WriteTurns::new(backend),
        }
    }

    /// Completes once a transaction that queued deliveries has committed (or one had since the
    /// last wait): the delivery worker's signal.
    pub async fn deliveries_queued(&self) {
        self.delivery_waker.notified().await;
    }

    /// Applies the migrations this binary carries for the store's backend.
    pub async fn migrate(&self) -> Result<(), DbError> {
        let migrator = match self.backend {
            Backend::Sqlite => &SQLITE_MIGRATIONS,
            Backend::Postgres => &POSTGRES_MIGRATIONS,
        };
        migrator.run(&self.pool).await.map_err(DbError::Migrate)
    }

    /// Answers when the database answers a trivial query.
    pub async fn ping(&self) -> Result<(), DbError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Closes every connection; later queries fail (used by shutdown and by tests of outages).
    pub async fn close(&self) {
        self.pool.close().await;
    }

    fn pool(&self) -> &AnyPool {
        &self.pool
    }

    /// The rows of `select(list)` for every id in `ids`, where `list` is the placeholders of an
    /// `IN (...)` list: one query per `dialect::MAX_IN_LIST` ids, so a page of ids is one query.
    async fn rows_for_ids<T>(
        &self,
        select: impl Fn(&str) -> String,
        ids: &[&str],
    ) -> Result<Vec<T>, DbError>
    where
        T: for<'r> sqlx::FromRow<'r, sqlx::any::AnyRow> + Send + Unpin,
    {
        let mut rows = Vec::new();
        for chunk in ids.chunks(dialect::MAX_IN_LIST) {
            let sql = select(&dialect::placeholders(1, chunk.len()));
            let mut query = sqlx::query_as::<_, T>(&sql);
            for id in chunk {
                query = query.bind(*id);
            }
            rows.extend(query.fetch_all(self.pool()).await?);
        }
        Ok(rows)
    }

    /// Starts a write transaction (see `dialect::begin_write`).
    async fn begin_write(&self) -> Result<WriteTx, DbError> {
        let turn = self.turns.take().await?;
        let tx = self
            .pool
            .begin_with(dialect::begin_write(self.backend))
            .await?;
        Ok(WriteTx::new(
            tx,
            turn,
            self.delivery_waker.clone(),
            self.documents.clone(),
        ))
    }
}

/// Milliseconds since the Unix epoch, the one timestamp format in the store.
pub fn now_millis() -> i64 {
    let elapsed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    i64::try_from(elapsed.as_millis()).unwrap_or(i64::MAX)
}

/// A SQLite URL with `mode=MODE` (`rwc` creates the file, `rw` only opens it), unless it names
/// a mode already.
fn with_sqlite_mode(url: String, mode: &str) -> String {
    if url.contains("mode=") {
        return url;
    }
    let separator = if url.contains('?') { '&' } else { '?' };
    format!("{url}{separator}mode={mode}")
}

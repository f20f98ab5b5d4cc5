//! `solidarity admin ...`: create users and organizations, issue API tokens, block domains.

use crate::db::Store;
use crate::domain::{Handle, HostName, Password};
use crate::service::orgs::{self, NewOrganizationRequest};
use crate::service::{blocks, tokens, users};
use anyhow::{Context, bail};
use clap::Subcommand;
use std::io::Read;

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
    /// Block a remote domain and all its subdomains: its followers and follows are removed, its
    /// pending deliveries fail, and its requests are refused with 403.
    Block {
        /// The domain, e.g. 'evil.example' (case, a trailing dot and a port are ignored).
        domain: String,
        /// Why, for the record (shown by `admin blocks`).
        #[arg(long)]
        reason: Option<String>,
    },
    /// List the blocked domains.
    Blocks,
    /// Create a local user; the password is read from standard input.
    CreateUser {
        /// The handle: letters a-z, digits and '_', at most 30.
        name: String,
        /// Make the user an instance administrator.
        #[arg(long)]
        admin: bool,
        /// Name shown instead of the handle.
        #[arg(long)]
        display_name: Option<String>,
        /// Read the password from standard input (required: passwords never go on the command line).
        #[arg(long)]
        password_stdin: bool,
    },
    /// Create an organization owned by an existing user.
    CreateOrg {
        /// The organization's handle: letters a-z, digits and '_', at most 30.
        handle: String,
        /// The organization's full name.
        #[arg(long)]
        name: String,
        /// The handle of the user who owns it.
        #[arg(long)]
        owner: String,
        /// A short plain-text description.
        #[arg(long, default_value = "")]
        summary: String,
    },
    /// Print pending and failed deliveries per remote instance, and which are unreachable.
    Queue,
    /// Make pending deliveries due now instead of at their next backoff step (after an outage).
    Retry {
        /// Only deliveries to this instance (host[:port]); all when absent.
        host: Option<String>,
    },
    /// Print a new API token for a user (only its hash is stored; it cannot be shown again).
    Token {
        /// The user's handle.
        user: String,
    },
    /// Lift the block on a domain. Relationships the block removed are not restored.
    Unblock {
        /// The domain as it was blocked.
        domain: String,
    },
}

pub async fn run(store: &Store, command: AdminCommand) -> anyhow::Result<()> {
    match command {
        AdminCommand::CreateUser {
            name,
            admin,
            display_name,
            password_stdin,
        } => {
            let handle = Handle::parse(&name).with_context(|| format!("user name '{name}'"))?;
            if !password_stdin {
                bail!("give the password on standard input with --password-stdin");
            }
            let mut input = String::new();
            std::io::stdin()
                .take(4096)
                .read_to_string(&mut input)
                .context("cannot read the password from standard input")?;
            let password =
                Password::parse(input.lines().next().unwrap_or_default()).context("password")?;
            let user = users::create_user(
                store,
                users::NewUserRequest {
                    handle,
                    display_name,
                    password,
                    is_admin: admin,
                },
            )
            .await?;
            let kind = if user.is_admin {
                "administrator"
            } else {
                "user"
            };
            println!("created {kind} {}", user.handle);
        }
        AdminCommand::CreateOrg {
            handle,
            name,
            owner,
            summary,
        } => {
            let request = NewOrganizationRequest {
                handle: Handle::parse(&handle)
                    .with_context(|| format!("organization handle '{handle}'"))?,
                owner: Handle::parse(&owner).with_context(|| format!("owner '{owner}'"))?,
                name,
                summary,
            };
            let org = orgs::create_organization(store, request).await?;
            println!(
                "created organization {} ({}) owned by {owner}",
                org.handle, org.name
            );
        }
        AdminCommand::Retry { host } => {
            let count = store.retry_deliveries_now(host.as_deref()).await?;
            let target = host.as_deref().unwrap_or("all instances");
            println!("{count} pending deliveries to {target} are due now");
        }
        AdminCommand::Queue => {
            let stats = store.queue_stats().await?;
            if stats.is_empty() {
                println!("the delivery queue is empty");
                return Ok(());
            }
            println!(
                "{:<40} {:>8} {:>8}  status",
                "instance", "pending", "failed"
            );
            for row in stats {
                let status = match row.unreachable_since {
                    Some(since) => format!(
                        "unreachable since {}",
                        crate::federation::notes::rfc3339(since)
                    ),
                    None => "reachable".to_owned(),
                };
                println!(
                    "{:<40} {:>8} {:>8}  {status}",
                    row.host, row.pending, row.failed
                );
            }
        }
        AdminCommand::Block { domain, reason } => {
            block(store, &domain, reason.as_deref().unwrap_or_default()).await?;
        }
        AdminCommand::Blocks => {
            let blocks = blocks::domain_blocks(store).await?;
            if blocks.is_empty() {
                println!("no domain is blocked");
            }
            for block in blocks {
                let since = crate::federation::notes::rfc3339(block.created_at);
                match block.reason.as_str() {
                    "" => println!("{}  since {since}", block.domain),
                    reason => println!("{}  since {since}  {reason}", block.domain),
                }
            }
        }
        AdminCommand::Unblock { domain } => {
            let domain = parse_domain(&domain)?;
            blocks::unblock_domain(store, &domain).await?;
            println!("unblocked {domain}");
        }
        AdminCommand::Token { user } => {
            let handle = Handle::parse(&user).with_context(|| format!("user name '{user}'"))?;
            let issued = tokens::issue_token(store, &handle).await?;
            println!("{}", issued.secret);
        }
    }
    Ok(())
}

fn parse_domain(input: &str) -> anyhow::Result<HostName> {
    HostName::parse(input).with_context(|| format!("domain '{input}'"))
}

/// `admin block`: blocks, then says what the block removed.
async fn block(store: &Store, domain: &str, reason: &str) -> anyhow::Result<()> {
    let domain = parse_domain(domain)?;
    let applied = blocks::block_domain(store, &domain, reason).await?;
    if applied.newly_blocked {
        println!("blocked {domain} and its subdomains");
    } else {
        println!("{domain} was already blocked");
    }
    for removed in &applied.followers_removed {
        println!(
            "removed follower {} of {}",
            removed.remote_actor, removed.local_handle
        );
    }
    for removed in &applied.following_removed {
        println!(
            "removed {}'s follow of {}",
            removed.local_handle, removed.remote_actor
        );
    }
    println!(
        "{} followers and {} follows removed, {} pending deliveries failed",
        applied.followers_removed.len(),
        applied.following_removed.len(),
        applied.deliveries_failed
    );
    Ok(())
}

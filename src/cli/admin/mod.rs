//! `solidarity admin ...`: manage users, organizations, API tokens, domain blocks, the
//! delivery queue, reports from other servers and the network's membership registry. Only argument parsing and printing live here; the work is in `service`.

mod accounts;
mod federation;
mod network;
mod orgs;
mod registry;
mod reports;
mod table;
mod tokens;

use crate::domain::Handle;
use crate::state::AppState;
use anyhow::Context;
use clap::{Args, Subcommand};
use table::Format;

/// `admin` and its subcommands, with the flags they share.
#[derive(Debug, Args)]
#[command(
    after_help = "Listings (users, orgs, tokens, blocks, queue, reports) print an aligned table, or JSON \
                  with --json (before or after the subcommand). Deleting commands ask for --yes."
)]
pub struct AdminArgs {
    /// Print listings as JSON (an array of objects; `[]` when empty) instead of a table.
    #[arg(long, global = true)]
    json: bool,
    #[command(subcommand)]
    command: AdminCommand,
}

#[derive(Debug, Subcommand)]
pub enum AdminCommand {
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
    /// List users.
    ///
    /// Columns: handle, display name, administrator or not, status (active, disabled or
    /// deleted) and when created.
    Users,
    /// Disable a user: its API tokens answer 401 until `enable-user`.
    ///
    /// A disabled user cannot be given new tokens or made an organization's owner. Nothing is
    /// deleted.
    DisableUser {
        /// The user's handle.
        name: String,
    },
    /// Enable a disabled user again: its tokens work again.
    EnableUser {
        /// The user's handle.
        name: String,
    },
    /// Delete a user's account (needs --yes).
    ///
    /// Its followers receive a Delete of its actor, its other pending deliveries fail, its
    /// addresses answer 410 Gone, its tokens are revoked and its memberships end. The handle
    /// stays taken. The only owner of an organization is refused: delete the organization
    /// first.
    DeleteUser {
        /// The user's handle.
        name: String,
        /// Confirm the deletion; it cannot be undone.
        #[arg(long)]
        yes: bool,
    },
    /// Create an organization owned by an existing, enabled user.
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
    /// List organizations.
    ///
    /// Columns: handle, name, owners, member count, status (active or deleted) and when
    /// created.
    Orgs,
    /// Delete an organization (needs --yes; refused while it has campaigns, events or actions).
    ///
    /// Its followers receive a Delete of its actor, its other pending deliveries fail and its
    /// addresses answer 410 Gone; the handle stays taken. An organization that still hosts
    /// campaigns is refused (nothing is cascaded): its owners delete each campaign first, so
    /// that each campaign's own followers are told.
    DeleteOrg {
        /// The organization's handle.
        handle: String,
        /// Confirm the deletion; it cannot be undone.
        #[arg(long)]
        yes: bool,
    },
    /// Print a new API token for a user (only its hash is stored; it cannot be shown again).
    Token {
        /// The user's handle.
        user: String,
    },
    /// List live API tokens, never their secrets.
    ///
    /// Columns: id, the first characters of the secret, user, when created and when last
    /// used. The secret itself is never stored, so it cannot be shown.
    Tokens {
        /// Only this user's tokens.
        user: Option<String>,
    },
    /// Revoke an API token by the id `admin tokens` shows; it then answers 401.
    RevokeToken {
        /// The token's id.
        id: i64,
    },
    /// Block a remote domain and all its subdomains.
    ///
    /// Its followers and follows are removed, its pending deliveries fail, and its requests
    /// are refused with 403.
    Block {
        /// The domain, e.g. 'evil.example' (case, a trailing dot and a port are ignored).
        domain: String,
        /// Why, for the record (shown by `admin blocks`).
        #[arg(long)]
        reason: Option<String>,
    },
    /// List the blocked domains, since when and why.
    Blocks,
    /// Lift the block on a domain. Relationships the block removed are not restored.
    Unblock {
        /// The domain as it was blocked.
        domain: String,
    },
    /// Show the delivery queue per remote instance.
    ///
    /// Columns: pending deliveries, failing ones (pending after at least one failed attempt),
    /// dead ones (given up on) and since when the instance is unreachable.
    Queue,
    /// Make pending deliveries due now instead of at their next backoff step (after an outage).
    Retry {
        /// Only deliveries to this instance (host[:port]); all when absent.
        host: Option<String>,
    },
    /// List the open reports other servers sent about accounts and posts here.
    Reports,
    /// Mark a report resolved, by the id `admin reports` shows.
    ResolveReport {
        /// The report's id.
        id: i64,
    },
    /// The network's membership registry (on the software co-op's instance only).
    #[command(subcommand)]
    Registry(registry::RegistryCommand),
    /// This platform co-op in the network: join the registry, report organizations, status.
    #[command(subcommand)]
    Network(network::NetworkCommand),
}

/// Runs one admin command on the instance `state` (its store, and its configuration and URLs
/// for what it publishes).
pub async fn run(state: &AppState, args: AdminArgs) -> anyhow::Result<()> {
    let store = &state.store;
    let format = if args.json {
        Format::Json
    } else {
        Format::Table
    };
    match args.command {
        AdminCommand::CreateUser {
            name,
            admin,
            display_name,
            password_stdin,
        } => accounts::create(store, &name, admin, display_name, password_stdin).await,
        AdminCommand::Users => accounts::list(store, format).await,
        AdminCommand::DisableUser { name } => {
            accounts::set_access(store, &name, crate::service::users::Access::Disabled).await
        }
        AdminCommand::EnableUser { name } => {
            accounts::set_access(store, &name, crate::service::users::Access::Enabled).await
        }
        AdminCommand::DeleteUser { name, yes } => {
            confirm(yes, "delete-user", &name)?;
            accounts::delete(state, &name).await
        }
        AdminCommand::CreateOrg {
            handle,
            name,
            owner,
            summary,
        } => orgs::create(store, &handle, name, &owner, summary).await,
        AdminCommand::Orgs => orgs::list(store, format).await,
        AdminCommand::DeleteOrg { handle, yes } => {
            confirm(yes, "delete-org", &handle)?;
            orgs::delete(state, &handle).await
        }
        AdminCommand::Token { user } => tokens::issue(store, &user).await,
        AdminCommand::Tokens { user } => tokens::list(store, user.as_deref(), format).await,
        AdminCommand::RevokeToken { id } => tokens::revoke(store, id).await,
        AdminCommand::Block { domain, reason } => {
            federation::block(store, &domain, reason.as_deref().unwrap_or_default()).await
        }
        AdminCommand::Blocks => federation::blocks(store, format).await,
        AdminCommand::Unblock { domain } => federation::unblock(store, &domain).await,
        AdminCommand::Queue => federation::queue(store, format).await,
        AdminCommand::Retry { host } => federation::retry(store, host.as_deref()).await,
        AdminCommand::Reports => reports::list(state, format).await,
        AdminCommand::ResolveReport { id } => reports::resolve(state, id).await,
        AdminCommand::Registry(command) => registry::run(state, command, format).await,
        AdminCommand::Network(command) => network::run(state, command, format).await,
    }
}

/// Refuses a deletion that was not confirmed with `--yes`.
fn confirm(yes: bool, command: &str, name: &str) -> anyhow::Result<()> {
    if !yes {
        anyhow::bail!(
            "deleting '{name}' cannot be undone; run `solidarity admin {command} {name} --yes`"
        );
    }
    Ok(())
}

/// A handle given on the command line; `what` names it in the error.
fn handle(input: &str, what: &str) -> anyhow::Result<Handle> {
    Handle::parse(input).with_context(|| format!("{what} '{input}'"))
}

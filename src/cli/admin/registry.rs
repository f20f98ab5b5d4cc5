//! `admin registry …`: the network's membership registry on the software co-op's instance.
//! Each change names the administrator who makes it (`--by`), who is recorded as its author.

use super::table::{Format, Listing};
use crate::domain::Handle;
use crate::domain::registry_log::Change;
use crate::service::registry::{self, ChangeRequest, MemberView};
use crate::state::AppState;
use anyhow::Context;
use clap::Subcommand;
use serde::Serialize;
use serde_json::Value;

#[derive(Debug, Subcommand)]
pub enum RegistryCommand {
    /// Record an application: MEMBER (an actor's address) asks to join in CLASS.
    Apply {
        member: String,
        #[arg(long)]
        class: String,
        /// The platform co-op serving the member (its instance actor's address).
        #[arg(long)]
        serving: Option<String>,
        #[command(flatten)]
        by: By,
    },
    /// Approve an application: the applicant becomes an active member.
    Approve {
        member: String,
        #[command(flatten)]
        by: By,
    },
    /// Reject an application.
    Reject {
        member: String,
        #[command(flatten)]
        by: By,
    },
    /// Suspend an active member.
    Suspend {
        member: String,
        #[command(flatten)]
        by: By,
    },
    /// Restore a suspended member.
    Restore {
        member: String,
        #[command(flatten)]
        by: By,
    },
    /// Record that a member left.
    Leave {
        member: String,
        #[command(flatten)]
        by: By,
    },
    /// Remove a member (or an applicant).
    Remove {
        member: String,
        #[command(flatten)]
        by: By,
    },
    /// Move a member to another class.
    SetClass {
        member: String,
        class: String,
        #[command(flatten)]
        by: By,
    },
    /// Name the actor who votes for a member organization.
    SetRepresentative {
        member: String,
        representative: String,
        #[command(flatten)]
        by: By,
    },
    /// List the members, now or as the log says at a past moment (--at, RFC 3339).
    Members {
        #[arg(long)]
        at: Option<String>,
    },
    /// List the classes of members and their weights in votes.
    Classes,
    /// Add a class of members, or change its label and its weight in votes (0: its members do
    /// not vote); open proposals keep the weights they were opened with.
    DefineClass {
        name: String,
        #[arg(long, default_value = "")]
        label: String,
        #[arg(long)]
        weight: i32,
        /// The administrator making the change.
        #[arg(long)]
        by: String,
    },
    /// Replay the whole log, check every number and hash, and compare with the member list.
    Verify,
    /// Open a vote: the roll (members active at the record date) is frozen and its hash
    /// published, and the question goes to every voter on it.
    Propose(Box<ProposeArgs>),
    /// List the proposals.
    Proposals,
    /// Close a vote now: its tally is kept and published.
    Close { id: String },
    /// Write a proposal's voter list (voters.txt: account,member,weight) and election template
    /// (template.json) for a Belenios election, whose encrypted ballots keep the vote secret
    /// from the registry's operators too.
    ExportBelenios {
        id: String,
        /// Where to write the two files (made if missing).
        #[arg(long, default_value = ".")]
        dir: std::path::PathBuf,
    },
}

#[derive(Debug, clap::Args)]
pub struct ProposeArgs {
    /// The question.
    #[arg(long)]
    title: String,
    /// More text, paragraphs separated by blank lines.
    #[arg(long, default_value = "")]
    body: String,
    /// single, multiple, consent (agree / abstain / disagree / block) or ranked (ballots
    /// from Solidarity instances only).
    #[arg(long, default_value = "single")]
    kind: String,
    /// A secret vote: the registry keeps the choices apart from who voted (ballots from
    /// Solidarity instances only).
    #[arg(long)]
    secret: bool,
    /// An option (repeat it; not for consent).
    #[arg(long = "option")]
    options: Vec<String>,
    /// plurality, majority, two_thirds or consent.
    #[arg(long, default_value = "majority")]
    rule: String,
    /// The share of the roll's weight that must vote, in percent.
    #[arg(long, default_value_t = 0)]
    quorum: u32,
    /// An eligible class (repeat it; none: every class with a weight).
    #[arg(long = "class")]
    classes: Vec<String>,
    /// When it closes (RFC 3339).
    #[arg(long)]
    closes: String,
    /// The record date (RFC 3339; default: now).
    #[arg(long)]
    record_date: Option<String>,
    #[command(flatten)]
    by: By,
}

/// Who makes a change, and why.
#[derive(Debug, clap::Args)]
pub struct By {
    /// The handle of the instance administrator making the change (its author in the log).
    #[arg(long)]
    by: String,
    /// Why, for the record (published in the log).
    #[arg(long, default_value = "")]
    reason: String,
}

pub async fn run(state: &AppState, command: RegistryCommand, format: Format) -> anyhow::Result<()> {
    let (change, member, by, request) = match command {
        RegistryCommand::Members { at } => return members(state, at.as_deref(), format).await,
        RegistryCommand::Classes => return classes(state, format).await,
        RegistryCommand::DefineClass {
            name,
            label,
            weight,
            by,
        } => {
            let handle = Handle::parse(&by).with_context(|| format!("--by '{by}'"))?;
            let admin = crate::service::users::enabled(&state.store, &handle).await?;
            let class = registry::set_class(state, &admin, &name, &label, weight).await?;
            println!(
                "class {} ({}) weighs {} in votes",
                class.name, class.label, class.weight
            );
            return Ok(());
        }
        RegistryCommand::Propose(args) => return propose(state, *args).await,
        RegistryCommand::Proposals => return proposals(state, format).await,
        RegistryCommand::Close { id } => {
            let tally = registry::close(state, &id).await?;
            println!("{}", serde_json::to_string_pretty(&tally)?);
            return Ok(());
        }
        RegistryCommand::ExportBelenios { id, dir } => {
            let (voters, template) = registry::belenios_export(state, &id).await?;
            std::fs::create_dir_all(&dir).with_context(|| format!("{}", dir.display()))?;
            let lines = voters.lines().count();
            for (name, text) in [
                ("voters.txt", voters),
                ("template.json", serde_json::to_string_pretty(&template)?),
            ] {
                let path = dir.join(name);
                std::fs::write(&path, text).with_context(|| format!("{}", path.display()))?;
            }
            println!(
                "{lines} voters in {0}/voters.txt and the question in {0}/template.json; with \
                 belenios-tool: setup generate-credentials --file voters.txt, then setup \
                 make-election --template template.json",
                dir.display()
            );
            return Ok(());
        }
        RegistryCommand::Verify => {
            let verified = registry::verify(state).await?;
            println!(
                "{} entries chain; last hash {}; the member list matches the replayed log",
                verified.entries, verified.last_hash
            );
            return Ok(());
        }
        RegistryCommand::Apply {
            member,
            class,
            serving,
            by,
        } => (Change::Applied, member, by, (Some(class), serving, None)),
        RegistryCommand::Approve { member, by } => {
            (Change::Approved, member, by, (None, None, None))
        }
        RegistryCommand::Reject { member, by } => {
            (Change::Rejected, member, by, (None, None, None))
        }
        RegistryCommand::Suspend { member, by } => {
            (Change::Suspended, member, by, (None, None, None))
        }
        RegistryCommand::Restore { member, by } => {
            (Change::Restored, member, by, (None, None, None))
        }
        RegistryCommand::Leave { member, by } => (Change::Left, member, by, (None, None, None)),
        RegistryCommand::Remove { member, by } => (Change::Removed, member, by, (None, None, None)),
        RegistryCommand::SetClass { member, class, by } => {
            (Change::ClassChanged, member, by, (Some(class), None, None))
        }
        RegistryCommand::SetRepresentative {
            member,
            representative,
            by,
        } => (
            Change::RepresentativeChanged,
            member,
            by,
            (None, None, Some(representative)),
        ),
    };
    let (class, serving, representative) = request;
    let handle = Handle::parse(&by.by).with_context(|| format!("--by '{}'", by.by))?;
    let admin = crate::service::users::enabled(&state.store, &handle).await?;
    let entry = registry::record_as_admin(
        state,
        &admin,
        change,
        ChangeRequest {
            member,
            class,
            serving,
            representative,
            reason: by.reason,
        },
    )
    .await?;
    println!(
        "entry {}: {} {} (hash {})",
        entry.seq,
        entry.member,
        entry.change.as_str(),
        entry.hash()
    );
    Ok(())
}

async fn members(state: &AppState, at: Option<&str>, format: Format) -> anyhow::Result<()> {
    let at = at
        .map(|text| {
            chrono::DateTime::parse_from_rfc3339(text)
                .map(|at| at.timestamp_millis())
                .with_context(|| format!("--at '{text}' is not an RFC 3339 time"))
        })
        .transpose()?;
    let rows: Vec<MemberView> = registry::members_at(state, at)
        .await?
        .into_iter()
        .map(MemberView::from)
        .collect();
    Listing {
        headers: &["MEMBER", "CLASS", "STATUS", "SINCE", "UNTIL", "VERSION"],
        empty: "no member",
        rows,
        cells: |m| {
            vec![
                m.member.clone(),
                m.class.clone(),
                m.status.to_owned(),
                m.since.clone().unwrap_or_default(),
                m.until.clone().unwrap_or_default(),
                m.version.to_string(),
            ]
        },
    }
    .print(format)
}

async fn classes(state: &AppState, format: Format) -> anyhow::Result<()> {
    #[derive(Serialize)]
    struct ClassRow {
        name: String,
        label: String,
        weight: i32,
    }
    let rows: Vec<ClassRow> = registry::classes(state)
        .await?
        .into_iter()
        .map(|c| ClassRow {
            name: c.name,
            label: c.label,
            weight: c.weight,
        })
        .collect();
    Listing {
        headers: &["CLASS", "LABEL", "WEIGHT"],
        empty: "no class",
        rows,
        cells: |c| vec![c.name.clone(), c.label.clone(), c.weight.to_string()],
    }
    .print(format)
}

fn rfc3339_millis(option: &str, text: &str) -> anyhow::Result<i64> {
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|at| at.timestamp_millis())
        .with_context(|| format!("{option} '{text}' is not an RFC 3339 time"))
}

async fn propose(state: &AppState, args: ProposeArgs) -> anyhow::Result<()> {
    let handle = Handle::parse(&args.by.by).with_context(|| format!("--by '{}'", args.by.by))?;
    let admin = crate::service::users::enabled(&state.store, &handle).await?;
    let request = registry::ProposalRequest {
        title: args.title,
        body: args.body,
        kind: args.kind,
        secret: args.secret,
        options: args.options,
        rule: args.rule,
        quorum_percent: args.quorum,
        classes: args.classes,
        opens_at: None,
        closes_at: rfc3339_millis("--closes", &args.closes)?,
        record_date: args
            .record_date
            .map(|text| rfc3339_millis("--record-date", &text))
            .transpose()?,
    };
    let proposal = registry::open(state, &admin, request).await?;
    println!(
        "proposal {} is open until {}; {} on the roll, roll hash {}; its question: {}",
        proposal.id,
        crate::federation::notes::rfc3339(proposal.closes_at),
        serde_json::from_str::<Vec<Value>>(&proposal.roll).map_or(0, |roll| roll.len()),
        proposal.roll_hash,
        state.urls().proposal(&proposal.id)
    );
    Ok(())
}

async fn proposals(state: &AppState, format: Format) -> anyhow::Result<()> {
    #[derive(Serialize)]
    struct ProposalRow {
        id: String,
        title: String,
        kind: String,
        closes: String,
        roll_hash: String,
        state: &'static str,
    }
    let rows: Vec<ProposalRow> = registry::proposals(state)
        .await?
        .into_iter()
        .map(|p| ProposalRow {
            state: if p.closed_at.is_some() {
                "closed"
            } else {
                "open"
            },
            closes: crate::federation::notes::rfc3339(p.closes_at),
            id: p.id,
            title: p.title,
            kind: p.kind,
            roll_hash: p.roll_hash,
        })
        .collect();
    Listing {
        headers: &["ID", "TITLE", "KIND", "CLOSES", "STATE"],
        empty: "no proposal",
        rows,
        cells: |p| {
            vec![
                p.id.clone(),
                p.title.clone(),
                p.kind.clone(),
                p.closes.clone(),
                p.state.to_owned(),
            ]
        },
    }
    .print(format)
}

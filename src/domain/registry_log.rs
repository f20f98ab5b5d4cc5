//! The registry's history: an append-only log of entries, each naming one change to one member,
//! numbered and chained by hashes; and the member list it gives at any moment, by replaying it.
//! Pure: no storage, no clock; the same entries give the same list on every machine.

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;

/// The `previous` hash of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry does to a member.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Change {
    Applied,
    Approved,
    Rejected,
    Suspended,
    Restored,
    Left,
    Removed,
    ClassChanged,
    RepresentativeChanged,
}

impl Change {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Approved => "approved",
            Self::Rejected => "rejected",
            Self::Suspended => "suspended",
            Self::Restored => "restored",
            Self::Left => "left",
            Self::Removed => "removed",
            Self::ClassChanged => "class_changed",
            Self::RepresentativeChanged => "representative_changed",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        serde_json::from_value(serde_json::Value::String(text.to_owned())).ok()
    }
}

/// Where a member stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    Applied,
    Active,
    Suspended,
    Rejected,
    Left,
    Removed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Applied => "applied",
            Self::Active => "active",
            Self::Suspended => "suspended",
            Self::Rejected => "rejected",
            Self::Left => "left",
            Self::Removed => "removed",
        }
    }

    /// Whether the member counts as one now (votes, the "member of the network" mark).
    pub fn is_member(self) -> bool {
        matches!(self, Self::Active)
    }
}

/// One entry as it is hashed and published: the fields in alphabetical order, so that its JSON
/// with no whitespace is the RFC 8785 canonical form (strings, integers and nulls only).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// When, in milliseconds since 1970 (never earlier than the entry before).
    pub at: i64,
    /// Who made the change: an administrator's or an applicant's actor id.
    pub author: String,
    pub change: Change,
    /// The member's class (on `applied` and `class_changed`).
    pub class: Option<String>,
    /// The member's actor id.
    pub member: String,
    /// The hash of the entry before (`GENESIS` for the first).
    pub previous: String,
    pub reason: String,
    /// The actor voting for a member organization (on `representative_changed`).
    pub representative: Option<String>,
    /// The number of this entry, from 1, without gaps.
    pub seq: i64,
    /// The platform co-op serving the member (its instance actor's id), when there is one.
    pub serving: Option<String>,
}

impl Entry {
    /// The hex SHA-256 of the entry's canonical JSON: what the next entry names as `previous`.
    pub fn hash(&self) -> String {
        let canonical = serde_json::to_vec(self).expect("an entry always serializes");
        sha256_hex(&canonical)
    }
}

/// The hex SHA-256 of `data`.
pub fn sha256_hex(data: &[u8]) -> String {
    Sha256::digest(data)
        .iter()
        .map(|byte| format!("{byte:02x}"))
        .collect()
}

/// A member as the log says at some moment.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Membership {
    pub member: String,
    pub class: String,
    pub status: Status,
    pub serving: Option<String>,
    pub representative: Option<String>,
    /// When first approved (ms), while a member or after.
    pub since: Option<i64>,
    /// When they left or were removed (ms).
    pub until: Option<i64>,
    /// The `seq` of the last entry about them.
    pub version: i64,
}

/// Why an entry cannot follow what the log says of its member.
#[derive(Debug, PartialEq, Eq, thiserror::Error)]
pub enum Refused {
    #[error("{member} is {status}: it cannot be {change} now")]
    Transition {
        member: String,
        status: &'static str,
        change: &'static str,
    },
    #[error("{0} is not in the registry")]
    Unknown(String),
    #[error("an application names a class")]
    NoClass,
    #[error("entry {seq} breaks the chain: {why}")]
    Chain { seq: i64, why: String },
}

/// `membership` (none yet: `None`) after `entry`, or why the entry cannot be.
pub fn apply(membership: Option<&Membership>, entry: &Entry) -> Result<Membership, Refused> {
    use Change as C;
    use Status as S;
    let refused = |status: Status| Refused::Transition {
        member: entry.member.clone(),
        status: status.as_str(),
        change: entry.change.as_str(),
    };
    let Some(current) = membership else {
        if entry.change != C::Applied {
            return Err(Refused::Unknown(entry.member.clone()));
        }
        return Ok(Membership {
            member: entry.member.clone(),
            class: entry.class.clone().ok_or(Refused::NoClass)?,
            status: S::Applied,
            serving: entry.serving.clone(),
            representative: entry.representative.clone(),
            since: None,
            until: None,
            version: entry.seq,
        });
    };
    let mut next = current.clone();
    next.version = entry.seq;
    match (current.status, entry.change) {
        (S::Rejected | S::Left | S::Removed, C::Applied) => {
            next.status = S::Applied;
            next.class = entry.class.clone().ok_or(Refused::NoClass)?;
            next.serving = entry.serving.clone();
            next.representative = entry.representative.clone();
            next.until = None;
        }
        (S::Applied, C::Approved) => {
            next.status = S::Active;
            next.since = next.since.or(Some(entry.at));
        }
        (S::Applied, C::Rejected) => next.status = S::Rejected,
        (S::Active, C::Suspended) => next.status = S::Suspended,
        (S::Suspended, C::Restored) => next.status = S::Active,
        (S::Active | S::Suspended, C::Left)
        | (S::Applied | S::Active | S::Suspended, C::Removed) => {
            next.status = if entry.change == C::Left {
                S::Left
            } else {
                S::Removed
            };
            next.until = Some(entry.at);
        }
        (S::Applied | S::Active | S::Suspended, C::ClassChanged) => {
            next.class = entry.class.clone().ok_or(Refused::NoClass)?;
        }
        (S::Applied | S::Active | S::Suspended, C::RepresentativeChanged) => {
            next.representative = entry.representative.clone();
        }
        (status, _) => return Err(refused(status)),
    }
    Ok(next)
}

/// The members as the log says at `at` (ms; `None`: after every entry), by replaying the
/// entries in order. Refused when the entries do not chain (a gap, a changed entry, a time
/// earlier than the one before), anywhere in the log, or one cannot follow the ones before.
pub fn replay(entries: &[Entry], at: Option<i64>) -> Result<BTreeMap<String, Membership>, Refused> {
    let mut members: BTreeMap<String, Membership> = BTreeMap::new();
    let mut previous = GENESIS.to_owned();
    let mut last_at = i64::MIN;
    for (index, entry) in entries.iter().enumerate() {
        let expected = i64::try_from(index).unwrap_or(i64::MAX).saturating_add(1);
        if entry.seq != expected || entry.previous != previous {
            return Err(Refused::Chain {
                seq: entry.seq,
                why: format!("expected number {expected} after hash {previous}"),
            });
        }
        if entry.at < last_at {
            return Err(Refused::Chain {
                seq: entry.seq,
                why: "its time is earlier than the entry before".to_owned(),
            });
        }
        previous = entry.hash();
        last_at = entry.at;
        // Later entries are still checked above, but change nothing at `at`.
        if at.is_none_or(|at| entry.at <= at) {
            let next = apply(members.get(&entry.member), entry)?;
            members.insert(entry.member.clone(), next);
        }
    }
    Ok(members)
}

/// How many members are active after each entry: `(at, count)`, one pair per entry, for growth
/// over time. Refused as `replay` refuses.
pub fn active_over_time(entries: &[Entry]) -> Result<Vec<(i64, usize)>, Refused> {
    replay(entries, None)?;
    let mut members: BTreeMap<String, Membership> = BTreeMap::new();
    let mut active = 0usize;
    let mut counts = Vec::with_capacity(entries.len());
    for entry in entries {
        let before = members
            .get(&entry.member)
            .is_some_and(|m| m.status.is_member());
        let next = apply(members.get(&entry.member), entry)?;
        let after = next.status.is_member();
        members.insert(entry.member.clone(), next);
        match (before, after) {
            (false, true) => active += 1,
            (true, false) => active = active.saturating_sub(1),
            _ => {}
        }
        counts.push((entry.at, active));
    }
    Ok(counts)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(seq: i64, at: i64, member: &str, change: Change, previous: &str) -> Entry {
        Entry {
            at,
            author: "https://registry.example/actors/ada".to_owned(),
            change,
            class: matches!(change, Change::Applied | Change::ClassChanged)
                .then(|| "organization".to_owned()),
            member: member.to_owned(),
            previous: previous.to_owned(),
            reason: String::new(),
            representative: None,
            seq,
            serving: None,
        }
    }

    /// A chained log of `(at, member, change)`.
    fn log(changes: &[(i64, &str, Change)]) -> Vec<Entry> {
        let mut entries: Vec<Entry> = Vec::new();
        for (index, (at, member, change)) in changes.iter().enumerate() {
            let previous = entries.last().map_or(GENESIS.to_owned(), Entry::hash);
            let seq = i64::try_from(index).expect("small") + 1;
            entries.push(entry(seq, *at, member, *change, &previous));
        }
        entries
    }

    const A: &str = "https://coop-a.example/actors/tenants";
    const B: &str = "https://coop-b.example/actors/climate";

    #[test]
    fn the_list_at_any_moment_is_the_replayed_log() {
        let entries = log(&[
            (10, A, Change::Applied),
            (20, A, Change::Approved),
            (30, B, Change::Applied),
            (40, B, Change::Approved),
            (50, A, Change::Suspended),
            (60, A, Change::Restored),
            (70, B, Change::Removed),
        ]);
        let at = |t| replay(&entries, Some(t)).expect("a valid log");
        assert!(at(5).is_empty());
        assert_eq!(at(15)[A].status, Status::Applied);
        assert_eq!(at(25)[A].status, Status::Active);
        assert_eq!(at(25)[A].since, Some(20));
        assert!(!at(25).contains_key(B));
        assert_eq!(at(55)[A].status, Status::Suspended);
        assert_eq!(at(65)[A].status, Status::Active);
        assert_eq!(
            at(65)[A].since,
            Some(20),
            "a suspension keeps the first date"
        );
        assert_eq!(at(65)[B].status, Status::Active);
        let now = replay(&entries, None).expect("valid");
        assert_eq!(now[B].status, Status::Removed);
        assert_eq!(now[B].until, Some(70));
        assert_eq!(now[B].version, 7);
    }

    #[test]
    fn a_changed_or_missing_entry_breaks_the_chain() {
        let mut entries = log(&[
            (10, A, Change::Applied),
            (20, A, Change::Approved),
            (30, A, Change::Left),
        ]);
        let mut forged = entries.clone();
        forged[1].reason = "quietly rewritten".to_owned();
        assert!(matches!(
            replay(&forged, None),
            Err(Refused::Chain { seq: 3, .. })
        ));
        // A broken tail is refused even when asking about a moment before it.
        assert!(matches!(
            replay(&forged, Some(15)),
            Err(Refused::Chain { seq: 3, .. })
        ));
        entries.remove(1);
        assert!(matches!(
            replay(&entries, None),
            Err(Refused::Chain { seq: 3, .. })
        ));
    }

    #[test]
    fn growth_counts_the_active_members_after_each_entry() {
        let entries = log(&[
            (10, A, Change::Applied),
            (20, A, Change::Approved),
            (30, B, Change::Applied),
            (40, B, Change::Approved),
            (50, A, Change::Suspended),
            (60, B, Change::Left),
        ]);
        let counts: Vec<usize> = active_over_time(&entries)
            .expect("valid")
            .into_iter()
            .map(|(_, count)| count)
            .collect();
        assert_eq!(counts, vec![0, 1, 1, 2, 1, 0]);
    }

    #[test]
    fn time_never_goes_back_in_the_log() {
        let mut entries = log(&[(20, A, Change::Applied)]);
        let previous = entries[0].hash();
        entries.push(entry(2, 10, A, Change::Approved, &previous));
        assert!(matches!(
            replay(&entries, None),
            Err(Refused::Chain { seq: 2, .. })
        ));
    }

    #[test]
    fn changes_follow_the_members_status() {
        let applied = apply(None, &entry(1, 1, A, Change::Applied, GENESIS)).expect("applies");
        assert!(matches!(
            apply(None, &entry(1, 1, A, Change::Approved, GENESIS)),
            Err(Refused::Unknown(_))
        ));
        assert!(matches!(
            apply(Some(&applied), &entry(2, 2, A, Change::Suspended, GENESIS)),
            Err(Refused::Transition {
                status: "applied",
                change: "suspended",
                ..
            })
        ));
        let active = apply(Some(&applied), &entry(2, 2, A, Change::Approved, GENESIS)).expect("ok");
        let left = apply(Some(&active), &entry(3, 3, A, Change::Left, GENESIS)).expect("ok");
        assert!(matches!(
            apply(Some(&left), &entry(4, 4, A, Change::Approved, GENESIS)),
            Err(Refused::Transition { .. })
        ));
        let again = apply(Some(&left), &entry(4, 4, A, Change::Applied, GENESIS)).expect("ok");
        assert_eq!((again.status, again.until), (Status::Applied, None));
    }

    #[test]
    fn the_hash_is_that_of_the_canonical_json() {
        let first = entry(1, 1_700_000_000_000, A, Change::Applied, GENESIS);
        let json = serde_json::to_string(&first).expect("serializes");
        assert!(
            json.starts_with("{\"at\":1700000000000,\"author\":"),
            "{json}"
        );
        let keys: Vec<String> =
            serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(&json)
                .expect("an object")
                .keys()
                .cloned()
                .collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!(keys, sorted, "keys in RFC 8785 order");
        assert_eq!(first.hash().len(), 64);
        assert_eq!(first.hash(), first.clone().hash());
    }
}

//! The registry's directory, for its web page: the active members of each class, and totals.

use super::{MemberView, Totals, classes, members_at, totals};
use crate::service::ServiceError;
use crate::state::AppState;

/// The active members of one class.
#[derive(Debug)]
pub struct ClassMembers {
    pub name: String,
    pub label: String,
    pub members: Vec<MemberView>,
}

/// Every class with its active members, and the registry's totals.
#[derive(Debug)]
pub struct Directory {
    pub totals: Totals,
    pub classes: Vec<ClassMembers>,
}

pub async fn directory(app: &AppState) -> Result<Directory, ServiceError> {
    let members = members_at(app, None).await?;
    let classes = classes(app)
        .await?
        .into_iter()
        .map(|class| ClassMembers {
            members: members
                .iter()
                .filter(|m| m.class == class.name && m.status.is_member())
                .cloned()
                .map(MemberView::from)
                .collect(),
            name: class.name,
            label: class.label,
        })
        .collect();
    Ok(Directory {
        totals: totals(app).await?,
        classes,
    })
}

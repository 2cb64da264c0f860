//! Operations that change core data, shared by server functions and the REST API: each one
//! validates, then writes the change and its audit entry in one unit of work, so neither is
//! ever kept without the other. Access was decided before they are called.

pub mod invites;
pub mod members;
pub mod orgs;
pub mod roles;
pub mod tokens;
pub mod users;

use crate::error::Result;
use crate::repo::audit;

/// Who acts, for the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub ip: Option<String>,
}

/// Records the audit entry of a change inside the change's unit of work.
pub async fn record_in(
    write: &mut crate::write::Write,
    actor: &Actor,
    organization_id: Option<i64>,
    action: &str,
    details: serde_json::Value,
) -> Result<()> {
    let details = details.to_string();
    write
        .audit(&entry(actor, organization_id, action, &details))
        .await
}

fn entry<'a>(
    actor: &'a Actor,
    organization_id: Option<i64>,
    action: &'a str,
    details: &'a str,
) -> audit::Entry<'a> {
    audit::Entry {
        user_id: Some(actor.user_id),
        organization_id,
        action,
        details,
        ip: actor.ip.as_deref(),
    }
}

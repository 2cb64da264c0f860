//! Operations that change core data, shared by server functions and the REST API: each one
//! validates, writes and records its audit entry. Access was decided before they are called.

pub mod invites;
pub mod members;
pub mod orgs;
pub mod roles;
pub mod tokens;
pub mod users;

use crate::db::Db;
use crate::error::Result;
use crate::repo::audit;

/// Who acts, for the audit log.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Actor {
    pub user_id: i64,
    pub ip: Option<String>,
}

/// Records the audit entry of a change on its own (prefer [`record_in`], with the change).
pub async fn record(
    db: &Db,
    actor: &Actor,
    organization_id: Option<i64>,
    action: &str,
    details: serde_json::Value,
) -> Result<()> {
    let details = details.to_string();
    audit::record(db, &entry(actor, organization_id, action, &details)).await
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

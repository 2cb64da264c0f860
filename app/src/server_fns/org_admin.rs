use leptos::prelude::*;
use sahabot_sdk::model::AdminSnapshot;

/// The administration page's data in one call. Each section is included only when the
/// guard of the server function that serves it alone would let the caller through.
#[server]
pub async fn org_admin_snapshot(
    org: String,
    audit_page: i64,
) -> Result<AdminSnapshot, ServerFnError> {
    use super::{ListInvites, ListMembers, ListRoles, OrgAuditLog, UpdateOrgSettings};
    use sahabot_core::repo::{audit, invites, orgs, roles};
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<OrgAdminSnapshot>(Some(&org)).await?;
    let audit_window =
        sahabot_core::repo::paging::Window::new("audit_page", audit_page, super::audit::PER_PAGE)
            .map_err(failed)?;
    let org_id = scope.org()?.id;
    let db = scope.host_db();
    // One lookup of the caller's roles serves every decision below.
    let access = scope.access().await?;
    let mut snapshot = AdminSnapshot {
        abilities: super::orgs::abilities(&scope, &access),
        ..AdminSnapshot::default()
    };
    let see_roles = scope.permits::<ListRoles>(&access)?;
    if scope.permits::<ListMembers>(&access)? {
        snapshot.members = roles::members_with_roles(db, org_id)
            .await
            .map_err(failed)?;
    }
    if see_roles || !snapshot.members.is_empty() {
        snapshot.roles = roles::list(db, org_id).await.map_err(failed)?;
        if see_roles {
            snapshot.actions = super::roles::known_actions();
        } else {
            // The member table needs role names for its columns, not their statements.
            for role in &mut snapshot.roles {
                role.statements.clear();
            }
        }
    }
    if scope.permits::<ListInvites>(&access)? {
        snapshot.invites = invites::list(db, org_id).await.map_err(failed)?;
    }
    if scope.permits::<OrgAuditLog>(&access)? {
        snapshot.audit = Some(
            audit::list(db, Some(org_id), audit_window)
                .await
                .map_err(failed)?,
        );
    }
    if scope.permits::<UpdateOrgSettings>(&access)? {
        snapshot.settings = Some(orgs::settings(db, org_id).await.map_err(failed)?);
    }
    Ok(snapshot)
}
sahabot_sdk::guard!(OrgAdminSnapshot, public);

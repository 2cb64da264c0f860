use leptos::prelude::*;
use sahabot_sdk::model::{AuditEntry, Page};

#[cfg(feature = "ssr")]
pub(super) const PER_PAGE: i64 = 50;

/// One organization's audit log, newest first.
#[server]
pub async fn org_audit_log(org: String, page: i64) -> Result<Page<AuditEntry>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<OrgAuditLog>(Some(&org)).await?;
    let window = sahabot_core::repo::paging::Window::new("page", page, PER_PAGE).map_err(failed)?;
    sahabot_core::repo::audit::list(scope.host_db(), Some(scope.org()?.id), window)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(OrgAuditLog, org "audit:read");

/// The whole audit log, for SUPERADMIN.
#[server]
pub async fn audit_log(page: i64) -> Result<Page<AuditEntry>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<AuditLog>(None).await?;
    let window = sahabot_core::repo::paging::Window::new("page", page, PER_PAGE).map_err(failed)?;
    sahabot_core::repo::audit::list(scope.host_db(), None, window)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(AuditLog, global ReadAllAuditLogs);

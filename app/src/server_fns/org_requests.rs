use leptos::prelude::*;
use sahabot_sdk::model::{OrgRequest, Page, RequestStatus};

/// Files a request for a new organization (anyone signed in).
#[server]
pub async fn file_org_request(
    slug: String,
    name: String,
    description: String,
    reason: String,
) -> Result<i64, ServerFnError> {
    use sahabot_core::repo::org_requests::NewRequest;
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<FileOrgRequest>(None).await?;
    let request = NewRequest {
        slug: slug.trim(),
        name: &name,
        description: &description,
        reason: &reason,
    };
    sahabot_core::service::orgs::file_request(scope.host_db(), &scope.actor()?, &request)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(FileOrgRequest, global SignedIn);

#[server]
pub async fn my_org_requests() -> Result<Vec<OrgRequest>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<MyOrgRequests>(None).await?;
    sahabot_core::repo::org_requests::of_user(scope.host_db(), scope.user()?.id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(MyOrgRequests, global SignedIn);

#[server]
pub async fn list_org_requests(
    status: RequestStatus,
    page: i64,
) -> Result<Page<OrgRequest>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<ListOrgRequests>(None).await?;
    let window = sahabot_core::repo::paging::Window::new("page", page, 20).map_err(failed)?;
    sahabot_core::repo::org_requests::list(scope.host_db(), status, window)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(ListOrgRequests, global ReviewOrgRequests);

/// Approves (creating the organization, its requester its first Admin) or rejects a request.
#[server]
pub async fn decide_org_request(
    request_id: i64,
    approve: bool,
    note: String,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<DecideOrgRequest>(None).await?;
    let created = sahabot_core::service::orgs::decide_request(
        scope.host_db(),
        &scope.actor()?,
        request_id,
        approve,
        &note,
    )
    .await
    .map_err(failed)?;
    if let Some(slug) = created {
        plugins_start(scope.host_db(), &slug).await;
    }
    Ok(())
}

/// Lets the new organization's plugins set themselves up; a failure there is the plugin's and
/// is logged, the organization exists.
#[cfg(feature = "ssr")]
pub(super) async fn plugins_start(db: &sahabot_core::db::Db, slug: &str) {
    if let Err(e) = sahabot_runtime::lifecycle::org_created(db, slug).await {
        tracing::error!(org = slug, error = %e, "plugins of a new organization could not start");
    }
}
sahabot_sdk::guard!(DecideOrgRequest, global ReviewOrgRequests);

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
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::ssr::repo::org_requests;
    let scope = scope::<FileOrgRequest>(None).await?;
    let request = org_requests::NewRequest {
        slug: slug.trim(),
        name: &name,
        description: &description,
        reason: &reason,
    };
    let id = org_requests::file(scope.db(), scope.user()?.id, &request)
        .await
        .map_err(failed)?;
    scope
        .audit_in(
            None,
            "org_request.filed",
            serde_json::json!({ "request_id": id, "slug": slug.trim() }),
        )
        .await?;
    Ok(id)
}
sahabot_sdk::guard!(FileOrgRequest, global SignedIn);

#[server]
pub async fn my_org_requests() -> Result<Vec<OrgRequest>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<MyOrgRequests>(None).await?;
    sahabot_sdk::ssr::repo::org_requests::of_user(scope.db(), scope.user()?.id)
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
    sahabot_sdk::ssr::repo::org_requests::list(scope.db(), status, page, 20)
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
    use sahabot_sdk::ssr::repo::org_requests;
    let scope = scope::<DecideOrgRequest>(None).await?;
    let reviewer = scope.user()?.id;
    if approve {
        let (org_id, request) = org_requests::approve(scope.db(), request_id, reviewer, &note)
            .await
            .map_err(failed)?;
        scope
            .audit_in(
                Some(org_id),
                "org_request.approved",
                serde_json::json!({ "request_id": request_id, "slug": request.slug, "requested_by": request.requested_by }),
            )
            .await
    } else {
        let request = org_requests::reject(scope.db(), request_id, reviewer, &note)
            .await
            .map_err(failed)?;
        scope
            .audit_in(
                None,
                "org_request.rejected",
                serde_json::json!({ "request_id": request_id, "slug": request.slug, "note": note.trim() }),
            )
            .await
    }
}
sahabot_sdk::guard!(DecideOrgRequest, global ReviewOrgRequests);

//! Core server functions: thin, they call the core repositories.

use leptos::prelude::*;
use sahabot_sdk::model::{Member, OrgSummary};

#[cfg(feature = "ssr")]
fn failed(e: impl std::fmt::Display) -> ServerFnError {
    ServerFnError::new(e.to_string())
}

#[server]
pub async fn list_orgs() -> Result<Vec<OrgSummary>, ServerFnError> {
    use sahabot_sdk::ssr::{db, repo::orgs};
    orgs::list(&db()?).await.map_err(failed)
}

/// The organization and its members, or `None` when there is no such active organization.
#[server]
pub async fn org_overview(
    slug: String,
) -> Result<Option<(OrgSummary, Vec<Member>)>, ServerFnError> {
    use sahabot_sdk::ssr::{db, repo::members, repo::orgs};
    let db = db()?;
    let Some(org) = orgs::by_slug(&db, &slug).await.map_err(failed)? else {
        return Ok(None);
    };
    let members = members::list_by_org_slug(&db, &slug)
        .await
        .map_err(failed)?;
    Ok(Some((org, members)))
}

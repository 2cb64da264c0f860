//! Core server functions: thin, they call the core repositories.

use leptos::prelude::*;
use sahabot_sdk::model::{CurrentUser, LoginOptions, Member, OrgSummary};

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

/// Who is signed in, if anyone.
#[server]
pub async fn whoami() -> Result<Option<CurrentUser>, ServerFnError> {
    Ok(sahabot_sdk::ssr::current_user())
}

/// The ways to sign in on this server; in demo mode, the users one may sign in as.
#[server]
pub async fn login_choices() -> Result<LoginOptions, ServerFnError> {
    use sahabot_sdk::model::{DemoLogin, LoginConfig};
    use sahabot_sdk::ssr::{db, repo::users};
    let config = use_context::<LoginConfig>().unwrap_or_default();
    let demo_users = if config.demo_mode {
        users::list_active(&db()?, 50)
            .await
            .map_err(failed)?
            .into_iter()
            .map(|u| DemoLogin {
                user_id: u.id,
                display_name: u.display_name,
                permission: u.permission,
            })
            .collect()
    } else {
        Vec::new()
    };
    Ok(LoginOptions {
        discord: config.discord,
        demo_users,
    })
}

use leptos::prelude::*;
use sahabot_sdk::model::{AccountSummary, CurrentUser, LoginOptions, OrgSummary};

/// Who is signed in, if anyone.
#[server]
pub async fn whoami() -> Result<Option<CurrentUser>, ServerFnError> {
    let scope = sahabot_sdk::access::scope::<Whoami>(None).await?;
    Ok(scope.maybe_user().cloned())
}
sahabot_sdk::guard!(Whoami, public);

/// The organizations the signed-in user belongs to (the org switcher).
#[server]
pub async fn my_orgs() -> Result<Vec<OrgSummary>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<MyOrgs>(None).await?;
    let Some(user) = scope.maybe_user() else {
        return Ok(Vec::new());
    };
    let db = scope.host_db();
    db.standing().orgs_of(db, user.id).await.map_err(failed)
}
sahabot_sdk::guard!(MyOrgs, public);

/// Who is signed in and their organizations, in one call (the top bar).
#[server]
pub async fn top_bar() -> Result<AccountSummary, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<TopBar>(None).await?;
    let Some(user) = scope.maybe_user().cloned() else {
        return Ok(AccountSummary::default());
    };
    let db = scope.host_db();
    let orgs = db.standing().orgs_of(db, user.id).await.map_err(failed)?;
    Ok(AccountSummary {
        user: Some(user),
        orgs,
    })
}
sahabot_sdk::guard!(TopBar, public);

/// The ways to sign in on this server; in demo mode, the users one may sign in as.
#[server]
pub async fn login_choices() -> Result<LoginOptions, ServerFnError> {
    use sahabot_core::repo::users;
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::model::{DemoLogin, LoginConfig};
    let scope = scope::<LoginChoices>(None).await?;
    let config = use_context::<LoginConfig>().unwrap_or_default();
    let demo_users = if config.demo_mode {
        users::list_active(scope.host_db(), 50)
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
sahabot_sdk::guard!(LoginChoices, public);

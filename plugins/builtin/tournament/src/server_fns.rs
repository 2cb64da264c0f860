use leptos::prelude::*;
use sahabot_sdk::model::Member;

/// The members of an org who can be entered as players.
#[server]
pub async fn roster(org: String) -> Result<Vec<Member>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    use sahabot_sdk::ssr::repo::members;
    let scope = scope::<Roster>(Some(&org)).await?;
    members::list_by_org_slug(scope.db(), &scope.org()?.slug)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin "tournament", Roster, public);

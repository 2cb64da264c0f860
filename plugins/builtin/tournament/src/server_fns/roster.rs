use leptos::prelude::*;
use sahabot_sdk::model::Member;

/// The members of an org who can be entered as players.
#[server]
pub async fn roster(org: String) -> Result<Vec<Member>, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<Roster>(Some(&org)).await?;
    crate::service::roster::list(&scope.data()?)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, Roster, public);

use leptos::prelude::*;
use sahabot_sdk::model::Member;

/// The members of an org who can be entered as players.
#[server]
pub async fn roster(org: String) -> Result<Vec<Member>, ServerFnError> {
    use sahabot_sdk::ssr::{db, repo::members};
    let db = db()?;
    members::list_by_org_slug(&db, &org)
        .await
        .map_err(|e| ServerFnError::new(e.to_string()))
}

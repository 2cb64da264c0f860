use leptos::prelude::*;

use crate::model::{CrewRole, Match};

/// Signs the viewer up as `role` of the match.
#[server]
pub async fn crew_sign_up(org: String, match_id: i64, role: CrewRole) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<CrewSignUp>(&org).await?;
    crate::service::crew::sign_up(&caller, match_id, role, None)
        .await
        .map(|_| ())
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, CrewSignUp, global SignedIn);

/// Approves a signup (`approved`), or withdraws its approval.
#[server]
pub async fn approve_crew(org: String, id: i64, approved: bool) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ApproveCrew>(&org).await?;
    crate::service::crew::approve(&caller, id, approved)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, ApproveCrew, org "tournament:crew");

/// Removes a signup (one's own, or any for those who approve crew).
#[server]
pub async fn remove_crew(org: String, id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<RemoveCrew>(&org).await?;
    crate::service::crew::remove(&caller, id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, RemoveCrew, global SignedIn);

/// The matches not yet finished that have crew signups waiting for approval.
#[server]
pub async fn crew_queue(org: String) -> Result<Vec<Match>, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<CrewQueue>(&org).await?;
    let filter = crate::repo::matches::Filter {
        limit: crate::service::matches::MAX_PAGE,
        ..Default::default()
    };
    let (found, _) = crate::service::matches::list(&caller, filter)
        .await
        .map_err(failed)?;
    Ok(found
        .into_iter()
        .filter(|m| m.crew.iter().any(|c| !c.approved))
        .collect())
}
sahabot_sdk::guard!(plugin, CrewQueue, org "tournament:crew");

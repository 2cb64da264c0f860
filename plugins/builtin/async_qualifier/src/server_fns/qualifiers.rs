// A server function's arguments are the fields of the form that calls it.
#![allow(clippy::too_many_arguments)]

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Rights;
use crate::model::{Choice, Line, Pool, Qualifier, Run};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QualifiersData {
    pub qualifiers: Vec<Qualifier>,
    pub rights: Rights,
}

#[server]
pub async fn list_qualifiers(org: String) -> Result<QualifiersData, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ListQualifiers>(&org).await?;
    let qualifiers = crate::service::qualifiers::list(&caller)
        .await
        .map_err(failed)?;
    Ok(QualifiersData {
        qualifiers,
        rights: super::rights(&caller),
    })
}
sahabot_sdk::guard!(plugin, ListQualifiers, public);

/// Creates a qualifier (`id` empty) or changes one; its id. `max_reattempts` empty means no
/// limit.
#[server]
pub async fn save_qualifier(
    org: String,
    id: Option<i64>,
    name: String,
    description: String,
    is_active: bool,
    opens_at: Option<i64>,
    closes_at: Option<i64>,
    runs_per_pool: i64,
    max_reattempts: Option<i64>,
    hide_results: bool,
) -> Result<i64, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<SaveQualifier>(&org).await?;
    let form = crate::model::QualifierForm {
        name,
        description,
        is_active,
        opens_at,
        closes_at,
        runs_per_pool,
        max_reattempts,
        hide_results,
    };
    match id {
        Some(id) => crate::service::qualifiers::update(&caller, id, &form)
            .await
            .map(|()| id),
        None => crate::service::qualifiers::create(&caller, &form).await,
    }
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, SaveQualifier, org "async_qualifier:manage");

/// A qualifier's page: the qualifier, its pools, the viewer's runs and what they may start,
/// and the leaderboard (or why it is hidden).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct QualifierData {
    pub qualifier: Qualifier,
    pub pools: Vec<Pool>,
    pub choices: Vec<Choice>,
    pub my_runs: Vec<Run>,
    pub leaderboard: Result<Vec<Line>, String>,
    pub rights: Rights,
    /// Whether runs may be started now, or why not.
    pub open: Result<(), String>,
}

#[server]
pub async fn qualifier_page(org: String, id: i64) -> Result<QualifierData, ServerFnError> {
    use crate::repo::runs::RunFilter;
    use crate::service::{pools, qualifiers, runs, scores};
    use sahabot_sdk::access::failed;
    let caller = super::caller::<QualifierPage>(&org).await?;
    let qualifier = qualifiers::get(&caller, id).await.map_err(failed)?;
    let pools = pools::list(&caller, id).await.map_err(failed)?;
    let (choices, my_runs) = match caller.member_id() {
        Ok(me) => (
            runs::choices(&caller, id).await.map_err(failed)?,
            runs::list(
                &caller,
                id,
                RunFilter {
                    user_id: Some(me),
                    ..RunFilter::default()
                },
            )
            .await
            .map_err(failed)?,
        ),
        Err(_) => (Vec::new(), Vec::new()),
    };
    let leaderboard = scores::board_of(&caller, &qualifier)
        .await
        .map(|board| board.as_ref().clone())
        .map_err(|e| e.to_string());
    let open = qualifiers::open_for_runs(&qualifier, sahabot_sdk::time::now_millis())
        .map_err(|e| e.to_string());
    Ok(QualifierData {
        qualifier,
        pools,
        choices,
        my_runs,
        leaderboard,
        rights: super::rights(&caller),
        open,
    })
}
sahabot_sdk::guard!(plugin, QualifierPage, public);

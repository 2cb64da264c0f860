use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use super::Rights;
use crate::model::{Permalink, Pool, Qualifier};

/// The pools page: pools, their permalinks (addresses for organizers only), each permalink's
/// finish times when results are shown, and the randomizers an organizer may roll from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct PoolsData {
    pub qualifier: Qualifier,
    pub pools: Vec<Pool>,
    pub permalinks: Vec<Permalink>,
    /// (permalink, finish times in ms), when the viewer may see results.
    pub finishes: Option<Vec<(i64, Vec<i64>)>>,
    pub randomizers: Vec<(String, String)>,
    pub rights: Rights,
}

#[server]
pub async fn pools_page(org: String, id: i64) -> Result<PoolsData, ServerFnError> {
    use crate::model::RunStatus;
    use crate::repo::runs::RunFilter;
    use crate::service::{pools, qualifiers, runs};
    use sahabot_sdk::access::failed;
    use sahabot_sdk::seeds::SeedRoller;
    let caller = super::caller::<PoolsPage>(&org).await?;
    let qualifier = qualifiers::get(&caller, id).await.map_err(failed)?;
    let permalinks = pools::permalinks_shown(&caller, id).await.map_err(failed)?;
    let finishes =
        if qualifiers::results_shown(&caller, &qualifier, sahabot_sdk::time::now_millis()) {
            let all = runs::list(&caller, id, RunFilter::default())
                .await
                .map_err(failed)?;
            Some(
                permalinks
                    .iter()
                    .map(|p| {
                        let times = all
                            .iter()
                            .filter(|r| {
                                r.permalink_id == p.id
                                    && r.status == RunStatus::Finished
                                    && !r.reattempted
                            })
                            .filter_map(|r| r.elapsed_ms)
                            .collect();
                        (p.id, times)
                    })
                    .collect(),
            )
        } else {
            None
        };
    let randomizers = if caller.manage {
        match caller.db.service::<dyn SeedRoller>("presets").await {
            Ok(roller) => roller
                .api
                .randomizers(roller.db.clone())
                .await
                .unwrap_or_default()
                .into_iter()
                .map(|(id, name)| (id.to_owned(), name.to_owned()))
                .collect(),
            Err(_) => Vec::new(),
        }
    } else {
        Vec::new()
    };
    Ok(PoolsData {
        pools: pools::list(&caller, id).await.map_err(failed)?,
        qualifier,
        permalinks,
        finishes,
        randomizers,
        rights: super::rights(&caller),
    })
}
sahabot_sdk::guard!(plugin, PoolsPage, public);

#[server]
pub async fn add_pool(org: String, qualifier_id: i64, name: String) -> Result<i64, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<AddPool>(&org).await?;
    crate::service::pools::create(&caller, qualifier_id, &name)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, AddPool, org "async_qualifier:manage");

/// Adds a permalink to a pool: `url`, or (with `url` empty) a seed rolled from `randomizer`'s
/// `preset`.
#[server]
pub async fn add_permalink(
    org: String,
    qualifier_id: i64,
    pool_id: i64,
    url: String,
    randomizer: String,
    preset: String,
    notes: String,
) -> Result<i64, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<AddPermalink>(&org).await?;
    if url.trim().is_empty() && !preset.trim().is_empty() {
        crate::service::pools::roll_permalink(
            &caller,
            qualifier_id,
            pool_id,
            &randomizer,
            &preset,
            &notes,
        )
        .await
    } else {
        crate::service::pools::add_permalink(&caller, qualifier_id, pool_id, &url, &notes).await
    }
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, AddPermalink, org "async_qualifier:manage");

use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::RollView;

/// A page of the organization's seed history.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct HistoryPage {
    pub rows: Vec<RollView>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

/// Rolls a seed from preset `preset_id` (one the caller sees) and records it. The organization's
/// members roll; the generators limit how often.
#[server]
pub async fn roll_seed(org: String, preset_id: i64) -> Result<RollView, ServerFnError> {
    use crate::service::rolling::{roll, Policy};
    use sahabot_sdk::access::failed;
    use sahabot_sdk::seeds::Origin;
    let caller = super::caller::<RollSeed>(&org).await?;
    crate::service::caller::require_member(&caller).map_err(failed)?;
    let (preset, ns) = crate::service::presets::visible(&caller, preset_id)
        .await
        .map_err(failed)?;
    let may_see_hidden = caller.rights(&ns).update;
    roll(
        &caller,
        &preset,
        may_see_hidden,
        Origin::Web,
        Policy::default(),
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, RollSeed, global SignedIn);

/// The presets of `randomizer` the caller may roll, as `(id, "namespace/name")`.
#[server]
pub async fn rollable_presets(
    org: String,
    randomizer: String,
) -> Result<Vec<(i64, String)>, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::reader::<RollablePresets>(&org).await?;
    let (seen, editable) = caller.preset_scope().await.map_err(failed)?;
    crate::repo::presets::names(&caller.db, &randomizer, "", &seen, &editable, 500)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, RollablePresets, public);

/// The organization's rolls, newest first (its members).
#[server]
pub async fn seed_history(org: String, page: i64) -> Result<HistoryPage, ServerFnError> {
    use sahabot_sdk::access::failed;
    use sahabot_sdk::Error;
    const PER_PAGE: i64 = 25;
    if !(1..=100_000).contains(&page) {
        return Err(failed(Error::Invalid {
            field: "page",
            message: "must be between 1 and 100000".into(),
        }));
    }
    let caller = super::reader::<SeedHistory>(&org).await?;
    crate::service::caller::require_member(&caller).map_err(failed)?;
    let (rows, total) = crate::repo::rolls::page(&caller.db, page, PER_PAGE)
        .await
        .map_err(failed)?;
    Ok(HistoryPage {
        rows,
        total,
        page,
        per_page: PER_PAGE,
    })
}
sahabot_sdk::guard!(plugin, SeedHistory, global SignedIn);

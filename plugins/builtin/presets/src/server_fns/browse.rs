use leptos::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::{NamespaceView, PresetPage, PresetSort, RandomizerInfo};

/// What the presets page starts from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct HomeData {
    /// The randomizers enabled in the organization.
    pub randomizers: Vec<RandomizerInfo>,
    /// The namespaces the viewer sees.
    pub namespaces: Vec<NamespaceView>,
    /// The viewer's own namespace (signed in only; created on first visit).
    pub personal: Option<String>,
    /// Whether the viewer may create the organization's namespaces.
    pub manages_org: bool,
}

#[server]
pub async fn presets_home(org: String) -> Result<HomeData, ServerFnError> {
    use crate::service::caller;
    use sahabot_sdk::access::failed;
    let caller = super::reader::<PresetsHome>(&org).await?;
    let personal = caller.personal.clone();
    let randomizers = caller::randomizers(&caller.db)
        .await
        .map_err(failed)?
        .iter()
        .map(caller::info)
        .collect();
    let namespaces = caller
        .namespaces()
        .await
        .map_err(failed)?
        .into_iter()
        .map(|ns| caller.view(ns))
        .collect();
    Ok(HomeData {
        randomizers,
        namespaces,
        personal,
        manages_org: caller.viewer.manages_org,
    })
}
sahabot_sdk::guard!(plugin, PresetsHome, public);

/// The presets the viewer sees, by randomizer (all enabled ones when empty) and namespace,
/// matching `search` in the name or description, sorted, a page of `per_page` (at most 100).
#[server]
pub async fn list_presets(
    org: String,
    randomizer: String,
    namespace: String,
    search: String,
    sort: PresetSort,
    page: i64,
    per_page: i64,
) -> Result<PresetPage, ServerFnError> {
    use crate::service::presets::{list, ListRequest};
    use sahabot_sdk::access::failed;
    let caller = super::reader::<ListPresets>(&org).await?;
    let request = ListRequest {
        randomizer,
        namespace,
        search,
        sort,
        page,
        per_page,
    };
    list(&caller, request).await.map_err(failed)
}
sahabot_sdk::guard!(plugin, ListPresets, public);

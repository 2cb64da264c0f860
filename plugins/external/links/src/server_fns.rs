use leptos::prelude::*;

use crate::model::LinksPageData;

/// The organization's links page: its heading and links.
#[server]
pub async fn links_page(org: String) -> Result<LinksPageData, ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    #[derive(serde::Deserialize, Default)]
    #[serde(default)]
    struct Settings {
        heading: Option<String>,
    }
    let scope = scope::<LinksPage>(Some(&org)).await?;
    let settings: Settings = scope.config().await?;
    let links = crate::repo::list(&scope.data()?, scope.org()?.id)
        .await
        .map_err(failed)?;
    Ok(LinksPageData {
        heading: settings.heading.unwrap_or_else(|| "Useful links".into()),
        links,
    })
}
sahabot_sdk::guard!(plugin, LinksPage, public);

#[server]
pub async fn add_link(org: String, label: String, url: String) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<AddLink>(Some(&org)).await?;
    let (label, url) = crate::service::validate(&label, &url)
        .map_err(|(field, message)| failed(sahabot_sdk::Error::Invalid { field, message }))?;
    crate::repo::add(
        &scope.data()?,
        scope.org()?.id,
        &label,
        &url,
        crate::service::MAX_LINKS,
    )
    .await
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, AddLink, org "links:manage");

#[server]
pub async fn remove_link(org: String, id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::{failed, scope};
    let scope = scope::<RemoveLink>(Some(&org)).await?;
    crate::repo::remove(&scope.data()?, scope.org()?.id, id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, RemoveLink, org "links:manage");

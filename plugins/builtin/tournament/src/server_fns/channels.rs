use leptos::prelude::*;

use crate::model::StreamChannel;

#[server]
pub async fn list_channels(org: String) -> Result<Vec<StreamChannel>, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ListChannels>(&org).await?;
    crate::service::channels::list(&caller)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, ListChannels, public);

/// Creates a channel (`id` is `None`) or saves one.
#[server]
pub async fn save_channel(
    org: String,
    id: Option<i64>,
    name: String,
    url: String,
) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<SaveChannel>(&org).await?;
    match id {
        Some(id) => crate::service::channels::update(&caller, id, &name, &url).await,
        None => crate::service::channels::create(&caller, &name, &url)
            .await
            .map(|_| ()),
    }
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, SaveChannel, org "tournament:manage");

#[server]
pub async fn delete_channel(org: String, id: i64) -> Result<(), ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<DeleteChannel>(&org).await?;
    crate::service::channels::delete(&caller, id)
        .await
        .map_err(failed)
}
sahabot_sdk::guard!(plugin, DeleteChannel, org "tournament:manage");

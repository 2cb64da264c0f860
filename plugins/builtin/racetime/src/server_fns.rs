use leptos::prelude::*;

use crate::model::RoomSettings;

/// The organization's race room settings.
#[server]
pub async fn load_room_settings(org: String) -> Result<RoomSettings, ServerFnError> {
    use sahabot_sdk::access::scope;
    scope::<LoadRoomSettings>(Some(&org)).await?.config().await
}
sahabot_sdk::guard!(plugin, LoadRoomSettings, public);

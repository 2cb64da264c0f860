use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use sahabot_sdk::registry;

use crate::pages::not_found::NotFound;

/// A plugin's page of the platform administration, `/admin/plugin/{plugin}`. What it shows
/// comes from the plugin's server functions, whose guards decide who sees it.
#[component]
pub fn PlatformPluginPage() -> impl IntoView {
    let params = use_params_map();
    let plugin_id = Memo::new(move |_| params.read().get("plugin").unwrap_or_default());
    move || match registry::platform_page(&plugin_id.get()) {
        Some(page) => (page.render)(),
        None => view! { <NotFound/> }.into_any(),
    }
}

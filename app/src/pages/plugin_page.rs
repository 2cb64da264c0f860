use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use sahabot_sdk::registry;

use crate::pages::not_found::NotFound;

/// Renders the page a plugin registered for `/org/{org}/{plugin}`, or 404.
#[component]
pub fn PluginPage() -> impl IntoView {
    let params = use_params_map();
    let plugin_id = Memo::new(move |_| params.read().get("plugin").unwrap_or_default());
    move || match registry::page(&plugin_id.get(), "") {
        Some(page) => (page.render)(),
        None => view! { <NotFound/> }.into_any(),
    }
}

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use sahabot_sdk::registry;

use crate::pages::not_found::NotFound;
use crate::pages::org_layout::OrgOverview;

/// Renders the page a plugin registered for `/org/{org}/{plugin}` (or its admin page at
/// `/org/{org}/admin/{plugin}`) when the plugin is in service
/// for the organization; 404 otherwise (the plugin's code does not run).
///
/// The layout renders its pages only once the organization's overview has loaded, so it is read
/// here directly: wrapping the plugin's page in another suspense would create its resources
/// inside a `Suspend`, which does not hydrate reliably.
#[component]
pub fn PluginPage() -> impl IntoView {
    plugin_page(false)
}

/// A plugin's admin page, `/org/{org}/admin/{plugin}`.
#[component]
pub fn PluginAdminPage() -> impl IntoView {
    plugin_page(true)
}

fn plugin_page(admin: bool) -> impl IntoView {
    let params = use_params_map();
    let plugin_id = Memo::new(move |_| params.read().get("plugin").unwrap_or_default());
    let overview = expect_context::<OrgOverview>();
    let in_service = Memo::new(move |_| {
        overview
            .get()
            .and_then(Result::ok)
            .flatten()
            .is_some_and(|frame| frame.plugins.iter().any(|p| *p == plugin_id.get()))
    });
    let find = if admin {
        registry::admin_page
    } else {
        registry::page
    };
    move || match find(&plugin_id.get(), "") {
        Some(page) if in_service.get() => (page.render)(),
        _ => view! { <NotFound/> }.into_any(),
    }
}

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use sahabot_sdk::registry;

use crate::pages::not_found::NotFound;
use crate::pages::org_layout::OrgOverview;

/// Renders the page a plugin registered for `/org/{org}/{plugin}` when the plugin is in service
/// for the organization; 404 otherwise (the plugin's code does not run).
#[component]
pub fn PluginPage() -> impl IntoView {
    let params = use_params_map();
    let plugin_id = Memo::new(move |_| params.read().get("plugin").unwrap_or_default());
    let overview = expect_context::<OrgOverview>();
    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                let in_service = overview.await.ok().flatten().is_some_and(|frame| {
                    frame.plugins.iter().any(|p| *p == plugin_id.get())
                });
                match registry::page(&plugin_id.get(), "") {
                    Some(page) if in_service => (page.render)(),
                    _ => view! { <NotFound/> }.into_any(),
                }
            })}
        </Suspense>
    }
}

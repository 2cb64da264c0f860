use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::{Outlet, A};
use sahabot_sdk::pages::org_slug;
use sahabot_sdk::registry;

use crate::pages::not_found::NotFound;
use crate::server_fns::org_overview;

/// The frame of every org page: its name and the navigation of its plugin pages.
#[component]
pub fn OrgLayout() -> impl IntoView {
    let slug = org_slug();
    let overview = Resource::new(move || slug.get(), org_overview);
    provide_context(overview);

    view! {
        <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
            {move || Suspend::new(async move {
                match overview.await {
                    Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                    Ok(None) => view! { <NotFound/> }.into_any(),
                    Ok(Some(frame)) => {
                        let org = frame.org;
                        let base = format!("/org/{}", org.slug);
                        view! {
                            <Title text=org.name.clone()/>
                            <div class="org">
                                <aside class="org-nav">
                                    <h2 class="org-name">{org.name.clone()}</h2>
                                    <nav aria-label="Organization" data-testid="org-nav">
                                        <A href=base.clone() exact=true>"Overview"</A>
                                        <A href=format!("{base}/admin") attr:data-testid="org-admin-link" exact=true>"Administration"</A>
                                        <A href=format!("{base}/admin/plugins") attr:data-testid="org-plugins-link">"Plugins"</A>
                                        <A href=format!("{base}/admin/scheduled-tasks") attr:data-testid="org-tasks-link">"Scheduled tasks"</A>
                                        {registry::pages().into_iter().filter(|page| page.admin && !page.platform && frame.plugins.iter().any(|p| p == page.plugin_id)).map(|page| {
                                            view! {
                                                <A href=format!("{base}/admin/{}", page.plugin_id) attr:data-plugin=page.plugin_id attr:class="admin-page">{page.nav_label}</A>
                                            }
                                        }).collect_view()}
                                        {registry::nav_pages().into_iter().filter(|page| frame.plugins.iter().any(|p| p == page.plugin_id)).map(|page| {
                                            let href = if page.path.is_empty() {
                                                format!("{base}/{}", page.plugin_id)
                                            } else {
                                                format!("{base}/{}/{}", page.plugin_id, page.path)
                                            };
                                            view! {
                                                <A href=href attr:data-plugin=page.plugin_id>{page.nav_label}</A>
                                            }
                                        }).collect_view()}
                                    </nav>
                                </aside>
                                <div class="org-main"><Outlet/></div>
                            </div>
                        }.into_any()
                    }
                }
            })}
        </Suspense>
    }
}

/// The overview loaded by [`OrgLayout`], for its child pages.
pub type OrgOverview = Resource<Result<Option<crate::server_fns::OrgFrame>, ServerFnError>>;

use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::components::Outlet;
use leptos_router::hooks::use_location;
use sahabot_sdk::pages::org_slug;
use sahabot_sdk::{registry, Guard, PageKind};

use crate::components::nav_link::NavLink;
use crate::pages::not_found::NotFound;
use crate::server_fns::{org_overview, OrgFrame};

/// The frame of every org page: its name and the navigation of its plugin pages.
#[component]
pub fn OrgLayout() -> impl IntoView {
    let slug = org_slug();
    let overview = Resource::new(move || slug.get(), org_overview);
    provide_context(overview);

    // The pages stay outside the Suspense: a Suspense walks its children again on each of its
    // passes (up to three on the server), and an `<Outlet/>` inside it would build the page,
    // and fetch its resources, once per pass.
    view! {
        <div class="org">
            <Suspense fallback=|| view! { <aside class="org-nav"><p class="loading">"Loading…"</p></aside> }>
                {move || Suspend::new(async move {
                    match overview.await {
                        Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                        Ok(None) => view! { <NotFound/> }.into_any(),
                        Ok(Some(frame)) => view! { <OrgNav frame/> }.into_any(),
                    }
                })}
            </Suspense>
            <div class="org-main"><Outlet/></div>
        </div>
    }
}

/// The organization's name and the navigation of its pages the viewer may open.
#[component]
fn OrgNav(frame: OrgFrame) -> impl IntoView {
    let base = format!("/org/{}", frame.slug);
    let may = |action: &str| frame.abilities.can(action);
    let pathname = use_location().pathname;
    view! {
        <Title text=frame.name.clone()/>
        <aside class="org-nav">
            <h2 class="org-name">{frame.name.clone()}</h2>
            <nav aria-label="Organization" data-testid="org-nav">
                <NavLink href=base.clone() pathname exact=true>"Overview"</NavLink>
                {may("org:read").then(|| view! {
                    <NavLink href=format!("{base}/admin") pathname exact=true attr:data-testid="org-admin-link">"Administration"</NavLink>
                })}
                {may("plugin:read").then(|| view! {
                    <NavLink href=format!("{base}/admin/plugins") pathname attr:data-testid="org-plugins-link">"Plugins"</NavLink>
                })}
                {may("task:read").then(|| view! {
                    <NavLink href=format!("{base}/admin/scheduled-tasks") pathname attr:data-testid="org-tasks-link">"Scheduled tasks"</NavLink>
                })}
                {nav_links(PageKind::OrgAdmin, &frame, "admin-page", pathname)}
                {nav_links(PageKind::Org, &frame, "", pathname)}
            </nav>
        </aside>
    }
}

/// The overview loaded by [`OrgLayout`], for its child pages.
pub type OrgOverview = Resource<Result<Option<crate::server_fns::OrgFrame>, ServerFnError>>;

/// The navigation's links to the labelled plugin pages of `kind` whose plugin is in service
/// and which the viewer may open.
fn nav_links(
    kind: PageKind,
    frame: &OrgFrame,
    class: &'static str,
    pathname: Memo<String>,
) -> impl IntoView {
    let org = &frame.slug;
    registry::nav_pages(kind)
        .into_iter()
        .filter(|page| frame.plugins.iter().any(|p| p == page.plugin_id))
        .filter(|page| match page.guard() {
            Guard::Public => true,
            Guard::Org(action) => frame.abilities.can(action),
            Guard::Global(sahabot_sdk::GlobalAction::SignedIn) => frame.signed_in,
            // Other platform-wide rules are the platform navigation's business.
            Guard::Global(_) => false,
        })
        .map(|page| {
            view! {
                <NavLink href=page.href(org) pathname attr:data-plugin=page.plugin_id attr:class=class>{page.nav_label}</NavLink>
            }
        })
        .collect_view()
}

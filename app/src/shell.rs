use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Title};
use leptos_router::components::{RouteChildren, Router, Routes, RoutesProps};
use leptos_router::{path, MatchNestedRoutes, NestedRoute, SsrMode};
use sahabot_sdk::PageKind;

use crate::lazy_pages::{account, home, invite, org_admin, org_front, platform_admin};
use crate::nav::TopNav;
use crate::pages::{login::LoginPage, not_found::NotFound, org_layout::OrgLayout};
use crate::routes::plugin_routes;
use crate::site_files;

/// The HTML document, rendered on the server only. `data-server-plugins` records the plugins
/// the server's registry holds.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    #[cfg(feature = "ssr")]
    crate::security::send_content_security_policy();
    let server_plugins = sahabot_sdk::registry::plugin_ids().join(",");
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <link id="leptos" rel="stylesheet" href=site_files::stylesheet_href(&options)/>
                <site_files::HydrationScripts options/>
                <link rel="icon" type="image/svg+xml" href="/favicon.svg"/>
                <MetaTags/>
            </head>
            <body data-server-plugins=server_plugins>
                <App/>
            </body>
        </html>
    }
}

#[component]
pub fn App() -> impl IntoView {
    provide_meta_context();
    view! {
        <Title formatter=|title: String| {
            if title.is_empty() { "SahaBot".to_string() } else { format!("{title} · SahaBot") }
        }/>
        <Router>
            <TopNav/>
            <main class="content">
                <AppRoutes/>
            </main>
        </Router>
    }
}

/// Every route: the core's, then each plugin page's (built from the registry, see
/// [`crate::routes`]). Written with the router's builders rather than `view!`, which cannot
/// hold a list of routes built at run time.
#[component]
fn AppRoutes() -> impl IntoView {
    let routes = app_routes();
    Routes(
        RoutesProps::builder()
            .fallback(NotFound)
            .children(RouteChildren::to_children(move || routes))
            .build(),
    )
}

/// The route tree: what the router renders, and what is matched to find the chunks of the
/// page opened (see [`crate::preload`]).
pub(crate) fn app_routes() -> impl MatchNestedRoutes + Clone + Send + 'static {
    let org = NestedRoute::new(path!("/org/:org"), OrgLayout)
        .ssr_mode(SsrMode::Async)
        .child((
            NestedRoute::new(path!(""), org_front::Page::Home),
            NestedRoute::new(path!("admin"), org_admin::Page::Overview),
            NestedRoute::new(path!("admin/plugins"), org_admin::Page::Plugins),
            NestedRoute::new(path!("admin/scheduled-tasks"), org_admin::Page::Tasks),
            plugin_routes(&[PageKind::Org, PageKind::OrgAdmin]),
        ));
    (
        NestedRoute::new(path!(""), home::Page::Home).ssr_mode(SsrMode::Async),
        NestedRoute::new(path!("/login"), LoginPage).ssr_mode(SsrMode::Async),
        NestedRoute::new(path!("/invite/:slug"), invite::Page::Invite).ssr_mode(SsrMode::Async),
        NestedRoute::new(path!("/organizations/request"), account::Page::OrgRequest),
        NestedRoute::new(path!("/admin/requests"), platform_admin::Page::Requests),
        NestedRoute::new(path!("/admin/users"), platform_admin::Page::Users),
        NestedRoute::new(path!("/admin/organizations"), platform_admin::Page::Orgs),
        NestedRoute::new(path!("/admin/audit"), platform_admin::Page::Audit),
        NestedRoute::new(path!("/admin/events"), platform_admin::Page::Events),
        NestedRoute::new(path!("/admin/tasks"), platform_admin::Page::Tasks),
        NestedRoute::new(path!("/admin/plugins"), platform_admin::Page::Plugins),
        NestedRoute::new(path!("/profile"), account::Page::Profile),
        org,
        plugin_routes(&[PageKind::Platform]),
    )
}

use leptos::prelude::*;
use leptos_meta::{provide_meta_context, MetaTags, Stylesheet, Title};
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::{path, SsrMode};

use crate::nav::TopNav;
use crate::pages::{
    admin_audit::AdminAuditPage,
    admin_events::AdminEventsPage,
    admin_orgs::AdminOrgsPage,
    admin_plugins::AdminPluginsPage,
    admin_requests::AdminRequestsPage,
    admin_tasks::AdminTasksPage,
    admin_users::AdminUsersPage,
    home::HomePage,
    invite::InvitePage,
    login::LoginPage,
    not_found::NotFound,
    org_admin::OrgAdminPage,
    org_home::OrgHomePage,
    org_layout::OrgLayout,
    org_plugins::OrgPluginsPage,
    org_request::OrgRequestPage,
    org_tasks::OrgTasksPage,
    platform_plugin_page::PlatformPluginPage,
    plugin_page::{PluginAdminPage, PluginPage},
    profile::ProfilePage,
};

/// The HTML document, rendered on the server only. `data-server-plugins` records the plugins
/// the server's registry holds.
pub fn shell(options: LeptosOptions) -> impl IntoView {
    let server_plugins = sahabot_sdk::registry::plugin_ids().join(",");
    view! {
        <!DOCTYPE html>
        <html lang="en">
            <head>
                <meta charset="utf-8"/>
                <meta name="viewport" content="width=device-width, initial-scale=1"/>
                <AutoReload options=options.clone()/>
                <HydrationScripts options/>
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
        <Stylesheet id="leptos" href="/pkg/sahabot.css"/>
        <Title formatter=|title: String| {
            if title.is_empty() { "SahaBot".to_string() } else { format!("{title} · SahaBot") }
        }/>
        <Router>
            <TopNav/>
            <main class="content">
                <Routes fallback=NotFound>
                    <Route path=path!("") view=HomePage ssr=SsrMode::Async/>
                    <Route path=path!("/login") view=LoginPage ssr=SsrMode::Async/>
                    <Route path=path!("/invite/:slug") view=InvitePage ssr=SsrMode::Async/>
                    <Route path=path!("/organizations/request") view=OrgRequestPage/>
                    <Route path=path!("/admin/requests") view=AdminRequestsPage/>
                    <Route path=path!("/admin/users") view=AdminUsersPage/>
                    <Route path=path!("/admin/organizations") view=AdminOrgsPage/>
                    <Route path=path!("/admin/audit") view=AdminAuditPage/>
                    <Route path=path!("/admin/events") view=AdminEventsPage/>
                    <Route path=path!("/admin/tasks") view=AdminTasksPage/>
                    <Route path=path!("/admin/plugins") view=AdminPluginsPage/>
                    <Route path=path!("/admin/plugin/:plugin") view=PlatformPluginPage/>
                    <Route path=path!("/profile") view=ProfilePage/>
                    <ParentRoute path=path!("/org/:org") view=OrgLayout ssr=SsrMode::Async>
                        <Route path=path!("") view=OrgHomePage/>
                        <Route path=path!("admin") view=OrgAdminPage/>
                        <Route path=path!("admin/plugins") view=OrgPluginsPage/>
                        <Route path=path!("admin/scheduled-tasks") view=OrgTasksPage/>
                        <Route path=path!("admin/:plugin") view=PluginAdminPage/>
                        <Route path=path!(":plugin") view=PluginPage/>
                    </ParentRoute>
                </Routes>
            </main>
        </Router>
    }
}

use leptos::prelude::*;
use leptos_router::hooks::use_location;
use sahabot_sdk::model::Permission;

use crate::components::nav_link::NavLink;
use crate::server_fns::top_bar;

/// The bar at the top of every page: the main links, the viewer's organizations and who is
/// signed in. One resource and one suspense boundary: several boundaries outside the routes
/// made the route's own boundaries hydrate unreliably.
#[component]
pub fn TopNav() -> impl IntoView {
    let account = Resource::new(|| (), |_| top_bar());
    let pathname = use_location().pathname;
    // After signing in, come back to the page where "Log in" was clicked.
    let login_href = move || {
        let here = pathname.get();
        if here.starts_with("/login") {
            "/login".to_string()
        } else {
            format!("/login?next={here}")
        }
    };
    view! {
        <header class="topbar">
            <a href="/" class="brand">"SahaBot"</a>
            <Suspense fallback=move || view! { <nav class="topnav" aria-label="Main"><NavLink href="/".into() pathname>"Organizations"</NavLink></nav> }>
                {move || Suspend::new(async move {
                    let info = account.await.unwrap_or_default();
                    let permission = info.user.as_ref().map(|u| u.permission);
                    let staff = permission.is_some_and(Permission::is_staff);
                    let superadmin = permission.is_some_and(|p| p >= Permission::Superadmin);
                    let impersonator = info.user.as_ref().and_then(|u| u.impersonated_by.clone());
                    view! {
                        <nav class="topnav" aria-label="Main">
                            <NavLink href="/".into() pathname>"Organizations"</NavLink>
                            {(!info.orgs.is_empty()).then(|| view! {
                                <details class="switcher" data-testid="org-switcher">
                                    <summary>"My organizations"</summary>
                                    <ul>
                                        {info.orgs.into_iter().map(|o| view! {
                                            <li><a href=format!("/org/{}", o.slug)>{o.name}</a></li>
                                        }).collect_view()}
                                        <li><a href="/organizations/request">"Request a new one…"</a></li>
                                    </ul>
                                </details>
                            })}
                            {staff.then(|| view! { <NavLink href="/admin/users".into() pathname>"Users"</NavLink> })}
                            {superadmin.then(|| view! {
                                <NavLink href="/admin/organizations".into() pathname>"All organizations"</NavLink>
                                <NavLink href="/admin/requests".into() pathname>"Requests"</NavLink>
                                <NavLink href="/admin/audit".into() pathname>"Audit log"</NavLink>
                                <NavLink href="/admin/events".into() pathname>"Events"</NavLink>
                                <NavLink href="/admin/tasks".into() pathname>"Tasks"</NavLink>
                                <NavLink href="/admin/plugins".into() pathname>"Plugins"</NavLink>
                                {sahabot_sdk::registry::nav_pages(sahabot_sdk::PageKind::Platform).into_iter().map(|page| view! {
                                    <NavLink href=page.href("") pathname>{page.nav_label}</NavLink>
                                }).collect_view()}
                            })}
                        </nav>
                        <div class="account" data-testid="account">
                            {match info.user {
                                Some(u) => view! {
                                    {impersonator.map(|admin| view! {
                                        <form method="post" action="/auth/stop-impersonating" class="impersonating" data-testid="impersonating">
                                            {format!("{admin}, acting as")}
                                            <button type="submit" class="link-button">"Stop"</button>
                                        </form>
                                    })}
                                    <a href="/profile" class="who" data-testid="signed-in-as">{u.display_name}</a>
                                    <form method="post" action="/auth/logout">
                                        <button type="submit" class="link-button">"Log out"</button>
                                    </form>
                                }.into_any(),
                                None => view! { <a href=login_href rel="external">"Log in"</a> }.into_any(),
                            }}
                        </div>
                    }
                })}
            </Suspense>
        </header>
    }
}

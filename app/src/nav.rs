use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use sahabot_sdk::model::Permission;

use crate::server_fns::{my_orgs, whoami};

/// The bar at the top of every page: the main links and who is signed in.
#[component]
pub fn TopNav() -> impl IntoView {
    let user = Resource::new(|| (), |_| whoami());
    let orgs = Resource::new(|| (), |_| my_orgs());
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
            <A href="/" attr:class="brand">"SahaBot"</A>
            <nav class="topnav" aria-label="Main">
                <A href="/">"Organizations"</A>
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        let mine = orgs.await.unwrap_or_default();
                        let admin = user.await.ok().flatten().is_some_and(|u| u.permission >= Permission::Superadmin);
                        view! {
                            {(!mine.is_empty()).then(|| view! {
                                <details class="switcher" data-testid="org-switcher">
                                    <summary>"My organizations"</summary>
                                    <ul>{mine.into_iter().map(|o| view! {
                                        <li><a href=format!("/org/{}", o.slug)>{o.name}</a></li>
                                    }).collect_view()}
                                    <li><a href="/organizations/request">"Request a new one…"</a></li></ul>
                                </details>
                            })}
                            {admin.then(|| view! { <A href="/admin/requests">"Requests"</A> })}
                        }
                    })}
                </Suspense>
            </nav>
            <div class="account" data-testid="account">
                <Suspense fallback=|| ()>
                    {move || Suspend::new(async move {
                        match user.await.ok().flatten() {
                            Some(u) => view! {
                                <span class="who" data-testid="signed-in-as">{u.display_name}</span>
                                <form method="post" action="/auth/logout">
                                    <button type="submit" class="link-button">"Log out"</button>
                                </form>
                            }.into_any(),
                            None => view! { <a href=login_href rel="external">"Log in"</a> }.into_any(),
                        }
                    })}
                </Suspense>
            </div>
        </header>
    }
}

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_location;

use crate::server_fns::whoami;

/// The bar at the top of every page: the main links and who is signed in.
#[component]
pub fn TopNav() -> impl IntoView {
    let user = Resource::new(|| (), |_| whoami());
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

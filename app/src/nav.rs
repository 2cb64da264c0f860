use leptos::prelude::*;
use leptos_router::components::A;

/// The bar at the top of every page.
#[component]
pub fn TopNav() -> impl IntoView {
    view! {
        <header class="topbar">
            <A href="/" attr:class="brand">"SahaBot"</A>
            <nav class="topnav" aria-label="Main">
                <A href="/">"Organizations"</A>
            </nav>
        </header>
    }
}

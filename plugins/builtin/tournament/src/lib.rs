//! Tournament: live tournaments, matches and crews. This first version shows the org's roster.

#[cfg(feature = "ssr")]
pub mod api;
pub mod pages;
pub mod server_fns;

use leptos::prelude::*;

sahabot_sdk::plugin! {
    id: "tournament",
    manifest: include_str!("../manifest.yaml"),
    build: build,
}

fn build(p: &mut sahabot_sdk::Contributions) {
    p.page("", "Tournament", || {
        view! { <pages::roster::RosterPage/> }.into_any()
    });
    #[cfg(feature = "ssr")]
    {
        use sahabot_sdk::{axum::routing::get, http::Method, Guard};
        p.api_route(
            Method::GET,
            "/organizations/{org}/roster",
            Guard::Org("tournament:read"),
            || get(api::roster::list),
        );
    }
}

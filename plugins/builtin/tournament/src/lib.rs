//! Tournament: live tournaments, matches and crews. This first version shows the org's roster.

#[cfg(feature = "ssr")]
pub mod api;
pub mod pages;
pub mod server_fns;

sahabot_sdk::plugin! {
    id: tournament,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "Tournament") => pages::roster::RosterPage,
    ],
    build: build,
}

#[allow(unused_variables)]
fn build(p: &mut sahabot_sdk::Contributions) {
    #[cfg(feature = "ssr")]
    p.api_get(
        "/organizations/{org}/roster",
        // The roster is the member list: the organization's setting decides who sees it, as on
        // the roster page.
        sahabot_sdk::Guard::Public,
        api::roster::list,
    );
}

//! Community links (external, private): a page of the organization's useful links, kept by its
//! admins on the plugin's admin page.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server_fns;
pub mod service;

use leptos::prelude::*;

sahabot_sdk::plugin! {
    id: "links",
    manifest: include_str!("../manifest.yaml"),
    build: build,
}

fn build(p: &mut sahabot_sdk::Contributions) {
    p.page("", "Links", || {
        view! { <pages::links::LinksPage/> }.into_any()
    });
    p.admin_page("", "Edit links", || {
        view! { <pages::edit::EditLinksPage/> }.into_any()
    });
    #[cfg(feature = "ssr")]
    p.migration("0001_links", include_str!("../migrations/0001_links.sql"));
}

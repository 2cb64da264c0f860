//! Community links (external, private): a page of the organization's useful links, kept by its
//! admins on the plugin's admin page.

pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server_fns;
pub mod service;

sahabot_sdk::plugin! {
    id: links,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "Links") => pages::links::LinksPage,
        Page::admin("", "Edit links").guarded(Guard::Org("links:manage")) => pages::edit::EditLinksPage,
    ],
    build: build,
}

#[allow(unused_variables)]
fn build(p: &mut sahabot_sdk::Contributions) {
    #[cfg(feature = "ssr")]
    p.migration("0001_links", include_str!("../migrations/0001_links.sql"));
}

//! Presets: preset namespaces and the presets in them. This first version has the namespace
//! table, lists an organization's namespaces and gives an organization that turns it on its
//! first namespace.

#[cfg(feature = "ssr")]
pub mod hooks;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server_fns;

sahabot_sdk::plugin! {
    id: presets,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "Presets") => pages::namespaces::NamespacesPage,
    ],
    build: build,
}

#[allow(unused_variables)]
fn build(p: &mut sahabot_sdk::Contributions) {
    #[cfg(feature = "ssr")]
    p.migration(
        "0001_namespaces",
        include_str!("../migrations/0001_namespaces.sql"),
    )
    .on_enable(hooks::create_default_namespace);
}

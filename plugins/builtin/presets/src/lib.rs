//! Presets: namespaces of seed presets written in YAML, checked against the randomizer they
//! are for, kept with every revision, and rolled into seeds by the randomizer plugins that
//! extend this one (each offers a `dyn Randomizer`). Every roll is recorded in the
//! organization's seed history.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
#[cfg(feature = "ssr")]
pub mod hooks;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server_fns;
pub mod service;

sahabot_sdk::plugin! {
    id: presets,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "Presets") => pages::browse::BrowsePage,
        Page::org("roll", "Roll a seed") => pages::roll::RollPage,
        Page::org("seeds", "Seed history") => pages::history::HistoryPage,
        Page::org_detail("new") => pages::editor::NewPresetPage,
        Page::org_detail("ns/:slug") => pages::namespace::NamespacePage,
        Page::org_detail("p/:id") => pages::preset::PresetPage,
        Page::org_detail("p/:id/revisions") => pages::revisions::RevisionsPage,
    ],
    build: build,
}

#[allow(unused_variables)]
fn build(p: &mut sahabot_sdk::Contributions) {
    #[cfg(feature = "ssr")]
    {
        use sahabot_sdk::Guard;
        p.migration(
            "0001_namespaces",
            include_str!("../migrations/0001_namespaces.sql"),
        )
        .migration(
            "0002_presets",
            include_str!("../migrations/0002_presets.sql"),
        )
        .on_enable(hooks::create_default_namespace)
        .public_api::<dyn sahabot_sdk::seeds::SeedRoller>(std::sync::Arc::new(
            service::roller_api::PresetsRoller,
        ))
        .command(commands::seed::COMMAND, commands::seed::run)
        .api_get(
            "/organizations/{org}/namespaces",
            Guard::Public,
            api::namespaces::list,
        )
        .api_get(
            "/organizations/{org}/presets",
            Guard::Public,
            api::presets::list,
        )
        .api_get(
            "/organizations/{org}/presets/{id}",
            Guard::Public,
            api::presets::get,
        )
        .api_post(
            "/organizations/{org}/namespaces/{namespace}/presets",
            Guard::Global(sahabot_sdk::GlobalAction::SignedIn),
            api::presets::create,
        )
        .api_put(
            "/organizations/{org}/presets/{id}",
            Guard::Global(sahabot_sdk::GlobalAction::SignedIn),
            api::presets::update,
        )
        .api_delete(
            "/organizations/{org}/presets/{id}",
            Guard::Global(sahabot_sdk::GlobalAction::SignedIn),
            api::presets::delete,
        );
    }
}

//! Super Metroid: Super Metroid Randomizer seeds for the Presets plugin from three generators —
//! total's (sm.samus.link), VARIA and DASH — each at an address the installation sets.

#[cfg(feature = "ssr")]
pub mod generators;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod roller;
pub mod settings;

sahabot_sdk::plugin! {
    id: sm,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "Super Metroid") => pages::reference::ReferencePage,
    ],
    build: build,
}

#[allow(unused_variables)]
fn build(p: &mut sahabot_sdk::Contributions) {
    #[cfg(feature = "ssr")]
    p.public_api::<dyn sahabot_sdk::seeds::Randomizer>(std::sync::Arc::new(roller::SuperMetroid))
        .api_post(
            "/organizations/{org}/seeds",
            sahabot_sdk::Guard::Global(sahabot_sdk::GlobalAction::SignedIn),
            sahabot_sdk::seeds::roll_route,
        );
}

//! RaceTime.gg: race rooms for the organization's races. This first version shows the
//! organization's room settings, as its configuration resolves them.

pub mod model;
pub mod pages;
pub mod server_fns;

use leptos::prelude::*;

sahabot_sdk::plugin! {
    id: "racetime",
    manifest: include_str!("../manifest.yaml"),
    build: build,
}

fn build(p: &mut sahabot_sdk::Contributions) {
    p.page("", "RaceTime.gg", || {
        view! { <pages::settings::RoomSettingsPage/> }.into_any()
    });
}

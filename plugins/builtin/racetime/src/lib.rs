//! RaceTime.gg: race rooms for the organization's races. This first version shows the
//! organization's room settings, as its configuration resolves them.

pub mod model;
pub mod pages;
pub mod server_fns;

sahabot_sdk::plugin! {
    id: racetime,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "RaceTime.gg") => pages::settings::RoomSettingsPage,
    ],
    build: build,
}

fn build(_: &mut sahabot_sdk::Contributions) {}

//! Discord Bot (global): the bot every Discord feature runs on. It is always on; this first
//! version shows each organization its linked server and the slash commands it gets there.

#[cfg(feature = "ssr")]
pub mod commands;
pub mod model;
pub mod pages;
pub mod server_fns;

use leptos::prelude::*;

sahabot_sdk::plugin! {
    id: "discord_bot",
    manifest: include_str!("../manifest.yaml"),
    build: build,
}

fn build(p: &mut sahabot_sdk::Contributions) {
    p.page("", "Discord", || {
        view! { <pages::commands::CommandsPage/> }.into_any()
    });
    #[cfg(feature = "ssr")]
    p.command(commands::sahabot::COMMAND)
        .components(sahabot_sdk::Guard::Public, commands::sahabot::refresh);
}

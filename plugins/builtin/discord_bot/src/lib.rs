//! Discord Bot (global): the bot every Discord feature runs on. It is always on. It shows each
//! organization the slash commands its server gets, lets org admins link and re-sync their
//! server, gives the platform the bot's status, and offers `/sahabot status`.

#[cfg(feature = "ssr")]
pub mod commands;
pub mod model;
pub mod pages;
pub mod server_fns;
#[cfg(feature = "ssr")]
pub mod tasks;

sahabot_sdk::plugin! {
    id: discord_bot,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "Discord") => pages::commands::CommandsPage,
        Page::admin("", "Discord").guarded(Guard::Org("org:update")) => pages::admin::DiscordAdminPage,
        Page::platform("Discord bot") => pages::platform::BotStatusPage,
    ],
    build: build,
}

#[allow(unused_variables)]
fn build(p: &mut sahabot_sdk::Contributions) {
    #[cfg(feature = "ssr")]
    p.command(commands::sahabot::COMMAND, commands::sahabot::run)
        .components(sahabot_sdk::Guard::Public, commands::sahabot::refresh)
        .task(tasks::RESYNC, tasks::resync)
        .task(tasks::RETRY_FAILED, tasks::retry_failed);
}

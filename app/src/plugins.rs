//! The plugin crates linked into the product, in one place. Both the browser's `hydrate()` and
//! the server's start call `link_plugins()`; a crate missing here is missing everywhere, and the
//! server's tests compare this list with the folders under `plugins/`.

sahabot_sdk::link_plugins!(
    alttpr,
    async_qualifier,
    discord_bot,
    links,
    ootr,
    presets,
    racetime,
    sm,
    smz3,
    tournament
);

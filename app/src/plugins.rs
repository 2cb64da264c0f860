//! The plugin crates linked into the product, in one place. Both the browser's `hydrate()` and
//! the server's start call `link_plugins()`; a crate missing here is missing everywhere, and the
//! server's tests compare this list with the folders under `plugins/`.

#[cfg(not(sahabot_one_plugin))]
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

// The benchmark's "1 plugin registered" build (`RUSTFLAGS="--cfg sahabot_one_plugin"`): a crate
// nothing refers to is not linked, so only Tournament's registrations exist.
#[cfg(sahabot_one_plugin)]
sahabot_sdk::link_plugins!(tournament);

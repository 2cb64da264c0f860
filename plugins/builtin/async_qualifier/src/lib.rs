//! AsyncQualifier: asynchronous qualifier races with pools, permalinks and scoring. This first
//! version offers the score calculator that the qualifier's scoring rule defines, on a page and
//! as the `/score` command.

#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
pub mod service;

sahabot_sdk::plugin! {
    id: async_qualifier,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "Async Qualifier") => pages::score_calculator::ScoreCalculatorPage,
    ],
    build: build,
}

#[allow(unused_variables)]
fn build(p: &mut sahabot_sdk::Contributions) {
    #[cfg(feature = "ssr")]
    p.command(commands::score::COMMAND, commands::score::run);
}

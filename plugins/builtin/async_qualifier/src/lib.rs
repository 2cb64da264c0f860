//! AsyncQualifier: asynchronous qualifier races with pools, permalinks and scoring. This first
//! version offers the score calculator that the qualifier's scoring rule defines, on a page and
//! as the `/score` command.

#[cfg(feature = "ssr")]
pub mod commands;
pub mod pages;
pub mod service;

use leptos::prelude::*;

sahabot_sdk::plugin! {
    id: "async_qualifier",
    manifest: include_str!("../manifest.yaml"),
    build: build,
}

fn build(p: &mut sahabot_sdk::Contributions) {
    p.page("", "Async Qualifier", || {
        view! { <pages::score_calculator::ScoreCalculatorPage/> }.into_any()
    });
    #[cfg(feature = "ssr")]
    p.command(commands::score::COMMAND);
}

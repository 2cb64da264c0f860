//! AsyncQualifier: asynchronous qualifier races with pools, permalinks and scoring. This first
//! version offers the score calculator that the qualifier's scoring rule defines.

pub mod pages;
pub mod service;

sahabot_sdk::plugin! {
    id: "async_qualifier",
    name: "Async Qualifier",
    category: Competition,
    description: "Asynchronous qualifier races: pools, permalinks, scoring, leaderboards.",
    permissions: [
        ("async_qualifier:read", "See qualifiers, pools and submitted runs"),
        ("async_qualifier:manage", "Create and edit qualifiers, pools and permalinks"),
        ("async_qualifier:review", "Review submitted runs"),
    ],
    pages: [
        { path: "", nav_label: "Async Qualifier", component: pages::score_calculator::ScoreCalculatorPage },
    ],
}

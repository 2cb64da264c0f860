//! Async Qualifier: racers run the same seeds on their own time — pools of permalinks, runs
//! with an honest clock, timeouts, review, and scores ranked on a leaderboard.

#[cfg(feature = "ssr")]
pub mod api;
#[cfg(feature = "ssr")]
pub mod commands;
#[cfg(feature = "ssr")]
mod demo;
#[cfg(feature = "ssr")]
pub mod events;
pub mod model;
pub mod pages;
#[cfg(feature = "ssr")]
pub mod repo;
pub mod server_fns;
pub mod service;
#[cfg(feature = "ssr")]
pub mod tasks;

sahabot_sdk::plugin! {
    id: async_qualifier,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "Async Qualifier") => pages::list::QualifiersPage,
        Page::org_detail("calculator") => pages::score_calculator::ScoreCalculatorPage,
        Page::org_detail("q/:id") => pages::qualifier::QualifierPage,
        Page::org_detail("q/:id/pools") => pages::pools::PoolsPage,
        Page::org_detail("q/:id/racer/:user") => pages::racer::RacerPage,
        Page::org_detail("q/:id/review")
            .guarded(Guard::Org("async_qualifier:review")) => pages::review::ReviewPage,
        Page::org_detail("q/:id/manage")
            .guarded(Guard::Org("async_qualifier:manage")) => pages::manage::ManagePage,
        Page::org_detail("r/:id") => pages::run::RunPage,
    ],
    build: build,
}

#[allow(unused_variables)]
fn build(p: &mut sahabot_sdk::Contributions) {
    #[cfg(feature = "ssr")]
    {
        use sahabot_sdk::{GlobalAction::SignedIn, Guard};
        let signed_in = Guard::Global(SignedIn);
        let manage = Guard::Org("async_qualifier:manage");
        let review = Guard::Org("async_qualifier:review");
        let q = "/organizations/{org}/qualifiers/{id}";
        let run = "/organizations/{org}/runs/{id}";
        p.migration(
            "0001_async_qualifiers",
            include_str!("../migrations/0001_async_qualifiers.sql"),
        )
        .migration(
            "0002_discord_and_score_version",
            include_str!("../migrations/0002_discord_and_score_version.sql"),
        )
        .on_demo(demo::fill)
        .command(commands::score::COMMAND, commands::score::run)
        .command(
            commands::async_command::COMMAND,
            commands::async_command::run,
        )
        // Anyone may press; each step checks the presser like the web does.
        .components(Guard::Public, commands::buttons::pressed)
        .task(tasks::TIMEOUTS, tasks::run_timeouts)
        .task(tasks::RESCORE, tasks::rescore)
        .emits::<events::RunStarted>()
        .emits::<events::RunFinished>()
        .emits::<events::RunForfeited>()
        .emits::<events::ReviewRequested>()
        .emits::<events::RunAccepted>()
        .emits::<events::RunRejected>()
        .api_get(
            "/organizations/{org}/qualifiers",
            Guard::Public,
            api::qualifiers::list,
        )
        .api_post(
            "/organizations/{org}/qualifiers",
            manage,
            api::qualifiers::create,
        )
        .api_get(q, Guard::Public, api::qualifiers::get)
        .api_put(q, manage, api::qualifiers::update)
        .api_delete(q, manage, api::qualifiers::delete)
        .api_get(
            "/organizations/{org}/qualifiers/{id}/leaderboard",
            Guard::Public,
            api::qualifiers::leaderboard,
        )
        .api_post(
            "/organizations/{org}/qualifiers/{id}/rescore",
            manage,
            api::qualifiers::rescore,
        )
        .api_get(
            "/organizations/{org}/qualifiers/{id}/pools",
            Guard::Public,
            api::pools::list,
        )
        .api_post(
            "/organizations/{org}/qualifiers/{id}/pools",
            manage,
            api::pools::create,
        )
        .api_put(
            "/organizations/{org}/qualifiers/{id}/pools/{pool}",
            manage,
            api::pools::rename,
        )
        .api_delete(
            "/organizations/{org}/qualifiers/{id}/pools/{pool}",
            manage,
            api::pools::delete,
        )
        .api_post(
            "/organizations/{org}/qualifiers/{id}/pools/{pool}/permalinks",
            manage,
            api::pools::add_permalink,
        )
        .api_get(
            "/organizations/{org}/qualifiers/{id}/permalinks",
            Guard::Public,
            api::pools::permalinks,
        )
        .api_put(
            "/organizations/{org}/qualifiers/{id}/permalinks/{permalink}",
            manage,
            api::pools::update_permalink,
        )
        .api_delete(
            "/organizations/{org}/qualifiers/{id}/permalinks/{permalink}",
            manage,
            api::pools::delete_permalink,
        )
        .api_get(
            "/organizations/{org}/qualifiers/{id}/runs",
            Guard::Public,
            api::runs::list,
        )
        // Members run; the service checks membership, the window and the runs left.
        .api_post(
            "/organizations/{org}/qualifiers/{id}/runs",
            signed_in,
            api::runs::start,
        )
        .api_get(
            "/organizations/{org}/qualifiers/{id}/choices",
            signed_in,
            api::runs::choices,
        )
        .api_get(
            "/organizations/{org}/qualifiers/{id}/review-queue",
            review,
            api::review::queue,
        )
        .api_get(run, Guard::Public, api::runs::get)
        .api_post(
            "/organizations/{org}/runs/{id}/ready",
            signed_in,
            api::runs::ready,
        )
        .api_post(
            "/organizations/{org}/runs/{id}/finish",
            signed_in,
            api::runs::finish,
        )
        // The racer forfeits their run; an organizer may too.
        .api_post(
            "/organizations/{org}/runs/{id}/forfeit",
            signed_in,
            api::runs::forfeit,
        )
        .api_post(
            "/organizations/{org}/runs/{id}/disqualify",
            manage,
            api::runs::disqualify,
        )
        .api_post(
            "/organizations/{org}/runs/{id}/reattempt",
            signed_in,
            api::runs::reattempt,
        )
        .api_put(
            "/organizations/{org}/runs/{id}/submission",
            signed_in,
            api::runs::submit,
        )
        .api_put(
            "/organizations/{org}/runs/{id}/flag",
            signed_in,
            api::runs::flag,
        )
        .api_post(
            "/organizations/{org}/runs/{id}/extend",
            manage,
            api::runs::extend,
        )
        .api_put(
            "/organizations/{org}/runs/{id}/review",
            review,
            api::review::review,
        );
    }
}

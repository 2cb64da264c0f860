//! Tournament: an organization's live tournaments — their players, matches and status flow,
//! results, crew signups, stream channels, players' settings submissions, and the preset
//! rules that pick each match's seed (rolled through Presets).

#[cfg(feature = "ssr")]
pub mod api;
pub mod bulk;
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
#[cfg(feature = "ssr")]
pub mod service;

sahabot_sdk::plugin! {
    id: tournament,
    manifest: include_str!("../manifest.yaml"),
    pages: [
        Page::org("", "Tournament") => pages::list::TournamentsPage,
        Page::org("mine", "My matches")
            .guarded(Guard::Global(sahabot_sdk::GlobalAction::SignedIn)) => pages::mine::MyMatchesPage,
        Page::org_detail("t/:id") => pages::tournament::TournamentPage,
        Page::org_detail("t/:id/manage")
            .guarded(Guard::Org("tournament:manage")) => pages::manage::ManagePage,
        Page::org_detail("t/:id/bulk")
            .guarded(Guard::Org("tournament:schedule")) => pages::bulk::BulkPage,
        Page::org_detail("m/:id") => pages::match_page::MatchPage,
        Page::admin("crew", "Crew approvals")
            .guarded(Guard::Org("tournament:crew")) => pages::crew_queue::CrewQueuePage,
        Page::admin("stream-channels", "Stream channels")
            .guarded(Guard::Org("tournament:manage")) => pages::channels::ChannelsPage,
    ],
    build: build,
}

#[allow(unused_variables)]
fn build(p: &mut sahabot_sdk::Contributions) {
    #[cfg(feature = "ssr")]
    {
        use sahabot_sdk::{GlobalAction::SignedIn, Guard};
        let signed_in = Guard::Global(SignedIn);
        let manage = Guard::Org("tournament:manage");
        let schedule = Guard::Org("tournament:schedule");
        p.migration(
            "0001_tournaments",
            include_str!("../migrations/0001_tournaments.sql"),
        )
        .on_demo(demo::fill)
        .command(commands::matches::COMMAND, commands::matches::run)
        .command(commands::crew::COMMAND, commands::crew::run)
        .emits::<events::TournamentCreated>()
        .emits::<events::TournamentUpdated>()
        .emits::<events::MatchScheduled>()
        .emits::<events::MatchUpdated>()
        .emits::<events::MatchDeleted>()
        .emits::<events::MatchFinished>()
        .emits::<events::MatchRecorded>()
        .emits::<events::CrewSignedUp>()
        .emits::<events::CrewApproved>()
        .emits::<events::CrewRemoved>()
        .emits::<events::SettingsSubmitted>()
        // The roster is the member list: the organization's setting decides who sees it.
        .api_get(
            "/organizations/{org}/roster",
            Guard::Public,
            api::roster::list,
        )
        .api_get(
            "/organizations/{org}/tournaments",
            Guard::Public,
            api::tournaments::list,
        )
        .api_post(
            "/organizations/{org}/tournaments",
            manage,
            api::tournaments::create,
        )
        .api_get(
            "/organizations/{org}/tournaments/{id}",
            Guard::Public,
            api::tournaments::get,
        )
        .api_put(
            "/organizations/{org}/tournaments/{id}",
            manage,
            api::tournaments::update,
        )
        .api_delete(
            "/organizations/{org}/tournaments/{id}",
            manage,
            api::tournaments::delete,
        )
        .api_put(
            "/organizations/{org}/tournaments/{id}/preset-rules",
            manage,
            api::tournaments::set_rules,
        )
        .api_put(
            "/organizations/{org}/tournaments/{id}/settings-form",
            manage,
            api::tournaments::set_form,
        )
        .api_get(
            "/organizations/{org}/tournaments/{id}/players",
            Guard::Public,
            api::players::list,
        )
        .api_post(
            "/organizations/{org}/tournaments/{id}/players",
            manage,
            api::players::add,
        )
        .api_delete(
            "/organizations/{org}/tournaments/{id}/players/{user_id}",
            manage,
            api::players::remove,
        )
        .api_get(
            "/organizations/{org}/tournaments/{id}/matches",
            Guard::Public,
            api::matches::of_tournament,
        )
        .api_post(
            "/organizations/{org}/tournaments/{id}/matches/bulk",
            schedule,
            api::bulk::create,
        )
        .api_get(
            "/organizations/{org}/tournaments/{id}/calendar.ics",
            Guard::Public,
            api::calendar::tournament,
        )
        .api_get(
            "/organizations/{org}/players/{user_id}/calendar.ics",
            Guard::Public,
            api::calendar::player,
        )
        .api_get(
            "/organizations/{org}/my/matches",
            signed_in,
            api::matches::mine,
        )
        .api_get(
            "/organizations/{org}/my/crew",
            signed_in,
            api::matches::my_crew,
        )
        // Members create matches they play in; the service applies the rest of the rules.
        .api_post(
            "/organizations/{org}/matches",
            signed_in,
            api::matches::create,
        )
        .api_get(
            "/organizations/{org}/matches/{id}",
            Guard::Public,
            api::matches::get,
        )
        .api_put(
            "/organizations/{org}/matches/{id}",
            signed_in,
            api::matches::update,
        )
        .api_delete(
            "/organizations/{org}/matches/{id}",
            schedule,
            api::matches::delete,
        )
        .api_post(
            "/organizations/{org}/matches/{id}/advance",
            schedule,
            api::matches::advance,
        )
        .api_post(
            "/organizations/{org}/matches/{id}/revert",
            schedule,
            api::matches::revert,
        )
        .api_put(
            "/organizations/{org}/matches/{id}/results",
            schedule,
            api::matches::results,
        )
        .api_put(
            "/organizations/{org}/matches/{id}/station",
            schedule,
            api::matches::station,
        )
        .api_post(
            "/organizations/{org}/matches/{id}/seed",
            schedule,
            api::matches::roll_seed,
        )
        .api_get(
            "/organizations/{org}/matches/{id}/preset",
            Guard::Org("tournament:read"),
            api::matches::preset_preview,
        )
        .api_post(
            "/organizations/{org}/matches/{id}/crew",
            signed_in,
            api::crew::sign_up,
        )
        .api_put(
            "/organizations/{org}/crew/{id}/approval",
            Guard::Org("tournament:crew"),
            api::crew::approve,
        )
        .api_delete(
            "/organizations/{org}/crew/{id}",
            signed_in,
            api::crew::remove,
        )
        .api_get(
            "/organizations/{org}/matches/{id}/settings",
            signed_in,
            api::settings::list,
        )
        .api_put(
            "/organizations/{org}/matches/{id}/settings/{game}",
            signed_in,
            api::settings::submit,
        )
        .api_put(
            "/organizations/{org}/settings/{id}/applied",
            schedule,
            api::settings::set_applied,
        )
        .api_delete(
            "/organizations/{org}/settings/{id}",
            signed_in,
            api::settings::delete,
        )
        .api_get(
            "/organizations/{org}/stream-channels",
            Guard::Public,
            api::channels::list,
        )
        .api_post(
            "/organizations/{org}/stream-channels",
            manage,
            api::channels::create,
        )
        .api_put(
            "/organizations/{org}/stream-channels/{id}",
            manage,
            api::channels::update,
        )
        .api_delete(
            "/organizations/{org}/stream-channels/{id}",
            manage,
            api::channels::delete,
        );
    }
}

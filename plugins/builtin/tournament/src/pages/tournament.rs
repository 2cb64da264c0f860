//! A tournament: its schedule (filtered by player, stream channel and dates, a page at a
//! time, in the viewer's time zone), open to everyone without signing in; members create
//! their matches here.

use leptos::prelude::*;
use sahabot_sdk::pages::{
    field_error, field_problem, id_param, local_input_to_millis, message, org_slug,
    reload_on_success, Pager,
};

use super::parts::MatchTable;
use crate::server_fns::matches::{list_matches, CreateMatch, MatchList};
use crate::server_fns::tournaments::{tournament_page, TournamentData};

const PER_PAGE: i64 = 25;

#[component]
pub fn TournamentPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let data = Resource::new(
        move || (org.get(), id.get()),
        |(org, id)| tournament_page(org, id),
    );
    // The schedule's state and resource belong to the page: a resource made inside a loaded
    // view would not hydrate from the server's answer.
    let schedule = ScheduleState::new(org, id);
    view! {
        <section class="plugin-page" data-testid="tournament">
            <Suspense fallback=|| view! { <p class="loading">"Loading the tournament…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! { <Tournament page schedule/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

/// The schedule's filters, its page and its matches.
#[derive(Clone, Copy)]
struct ScheduleState {
    player: RwSignal<String>,
    channel: RwSignal<String>,
    from: RwSignal<String>,
    to: RwSignal<String>,
    page_no: RwSignal<i64>,
    created: ServerAction<CreateMatch>,
    matches: Resource<Result<MatchList, ServerFnError>>,
}

impl ScheduleState {
    fn new(org: Memo<String>, tournament_id: Memo<i64>) -> ScheduleState {
        let player = RwSignal::new(String::new());
        let channel = RwSignal::new(String::new());
        let from = RwSignal::new(String::new());
        let to = RwSignal::new(String::new());
        let page_no = RwSignal::new(1_i64);
        let created = ServerAction::<CreateMatch>::new();
        let reload = RwSignal::new(0_usize);
        reload_on_success(created, reload);
        let matches = Resource::new(
            move || {
                (
                    (org.get(), tournament_id.get()),
                    (player.get(), channel.get()),
                    (from.get(), to.get()),
                    (page_no.get(), reload.get()),
                )
            },
            move |((org, tournament_id), (player, channel), (from, to), (page_no, _))| {
                list_matches(
                    org,
                    tournament_id,
                    player.parse().ok(),
                    channel.parse().ok(),
                    local_input_to_millis(&from),
                    local_input_to_millis(&to),
                    page_no,
                    PER_PAGE,
                )
            },
        );
        ScheduleState {
            player,
            channel,
            from,
            to,
            page_no,
            created,
            matches,
        }
    }
}

#[component]
fn Tournament(page: TournamentData, schedule: ScheduleState) -> impl IntoView {
    let org = org_slug();
    let t = page.tournament.clone();
    let feed = format!(
        "/api/plugins/tournament/organizations/{}/tournaments/{}/calendar.ics",
        org.get_untracked(),
        t.id
    );
    let manage = page.rights.manage.then(|| {
        let href = format!("/org/{}/tournament/t/{}/manage", org.get_untracked(), t.id);
        view! { <a class="button secondary" href=href data-testid="manage-tournament">"Manage"</a> }
    });
    let bulk = (page.rights.schedule && t.is_active).then(|| {
        let href = format!("/org/{}/tournament/t/{}/bulk", org.get_untracked(), t.id);
        view! { <a class="button secondary" href=href data-testid="bulk-schedule">"Schedule in bulk"</a> }
    });
    let create = create_match(&page, schedule.created);
    view! {
        <header class="page-head">
            <h2>{t.name.clone()}</h2>
            {manage}
            {bulk}
        </header>
        {(!t.description.is_empty()).then(|| view! { <p>{t.description.clone()}</p> })}
        <p class="hint">
            {if t.is_active { "Active. " } else { "Closed. " }}
            {format!("{} players, {} matches. ", t.player_count, t.match_count)}
            <a href=feed data-testid="calendar-feed">"Subscribe to the schedule (iCal)"</a>
        </p>
        <Schedule page schedule/>
        {create}
    }
}

#[component]
fn Schedule(page: TournamentData, schedule: ScheduleState) -> impl IntoView {
    let org = org_slug();
    let ScheduleState {
        player,
        channel,
        from,
        to,
        page_no,
        matches,
        ..
    } = schedule;
    let reset = move || page_no.set(1);
    let players = page
        .players
        .iter()
        .map(|p| view! { <option value=p.user_id.to_string()>{p.display_name.clone()}</option> })
        .collect::<Vec<_>>();
    let channels = page
        .channels
        .iter()
        .map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> })
        .collect::<Vec<_>>();
    view! {
        <h3>"Schedule"</h3>
        <div class="toolbar" data-testid="schedule-filters">
            <label>"Player "
                <select bind:value=player on:change=move |_| reset() data-testid="filter-player">
                    <option value="">"Everyone"</option>
                    {players}
                </select>
            </label>
            <label>"Stream "
                <select bind:value=channel on:change=move |_| reset()>
                    <option value="">"Any"</option>
                    {channels}
                </select>
            </label>
            <label>"From " <input type="datetime-local" bind:value=from on:change=move |_| reset()/></label>
            <label>"Until " <input type="datetime-local" bind:value=to on:change=move |_| reset()/></label>
        </div>
        <Transition fallback=|| view! { <p class="loading">"Loading the schedule…"</p> }>
            {move || Suspend::new(async move {
                match matches.await {
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                    Ok(list) if list.rows.is_empty() => {
                        view! { <p class="empty" data-testid="schedule-empty">"No matches here."</p> }.into_any()
                    }
                    Ok(list) => {
                        let pages = (list.total + PER_PAGE - 1) / PER_PAGE;
                        view! {
                            <MatchTable org=org.get_untracked() rows=list.rows/>
                            <Pager
                                current=page_no.get_untracked()
                                pages
                                total=format!("{} matches", list.total)
                                on_page=move |n| page_no.set(n)
                            />
                        }
                        .into_any()
                    }
                }
            })}
        </Transition>
    }
}

/// The form members create a match with: organizers for any players, others for one they
/// play in.
fn create_match(page: &TournamentData, create: ServerAction<CreateMatch>) -> Option<impl IntoView> {
    let rights = page.rights;
    if !(rights.member && page.tournament.is_active) {
        return None;
    }
    let org = org_slug();
    let tournament_id = page.tournament.id;
    let chosen = RwSignal::new(Vec::<i64>::new());
    let title = RwSignal::new(String::new());
    let when = RwSignal::new(String::new());
    let channel = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreateMatch {
            org: org.get_untracked(),
            tournament_id,
            players: chosen.get_untracked(),
            title: title.get_untracked(),
            scheduled_at: local_input_to_millis(&when.get_untracked()),
            stream_channel_id: channel.get_untracked().parse().ok(),
        });
    };
    let boxes = page
        .players
        .iter()
        .map(|p| {
            let user = p.user_id;
            view! {
                <label class="check">
                    <input
                        type="checkbox"
                        data-testid="match-player"
                        data-player=p.display_name.clone()
                        on:change=move |ev| {
                            let on = event_target_checked(&ev);
                            chosen.update(|c| {
                                c.retain(|u| *u != user);
                                if on {
                                    c.push(user);
                                }
                            });
                        }
                    />
                    {format!(" {}", p.display_name)}
                </label>
            }
        })
        .collect::<Vec<_>>();
    let channels = rights.schedule.then(|| {
        let options = page
            .channels
            .iter()
            .map(|c| view! { <option value=c.id.to_string()>{c.name.clone()}</option> })
            .collect::<Vec<_>>();
        view! {
            <label class="field">"Stream channel"
                <select bind:value=channel><option value="">"None"</option>{options}</select>
            </label>
        }
    });
    let error = move |field: &'static str| field_problem(create, field);
    let hint = if rights.schedule {
        "Choose two or more registered players."
    } else {
        "Choose yourself and your opponents."
    };
    Some(view! {
        <details class="card" data-testid="new-match">
            <summary>"New match"</summary>
            <form on:submit=submit>
                <fieldset>
                    <legend>"Players"</legend>
                    <p class="hint">{hint}</p>
                    {boxes}
                    {error("players")}
                </fieldset>
                <label class="field">"Title" <input bind:value=title data-testid="match-title"/>{error("title")}</label>
                <label class="field">"When (your time)" <input type="datetime-local" bind:value=when data-testid="match-when"/>{error("scheduled_at")}</label>
                {channels}
                <button type="submit">"Create the match"</button>
                {move || create.value().get().map(|r| match r {
                    Ok(id) => {
                        let href = super::parts::match_href(&org.get_untracked(), id);
                        view! { <p class="success" data-testid="match-created">"Created: " <a href=href>"open it"</a></p> }.into_any()
                    }
                    Err(e) if field_error(Some(&e), "players").is_some()
                        || field_error(Some(&e), "title").is_some()
                        || field_error(Some(&e), "scheduled_at").is_some() => ().into_any(),
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                })}
            </form>
        </details>
    })
}

//! The organization's tournaments; organizers create new ones here. The roster of members
//! who can be entered as players follows.

use leptos::prelude::*;
use sahabot_sdk::pages::{
    field_problem, local_input_to_millis, message, org_slug, reload_on_success, LocalTime,
    SortHeader,
};

use super::parts::tournament_href;
use super::roster::RosterPage;
use crate::model::Tournament;
use crate::server_fns::tournaments::{list_tournaments, SaveTournament};

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    Name,
    Start,
    Matches,
}

#[component]
pub fn TournamentsPage() -> impl IntoView {
    let org = org_slug();
    let save = ServerAction::<SaveTournament>::new();
    let reload = RwSignal::new(0_usize);
    reload_on_success(save, reload);
    let data = Resource::new(
        move || (org.get(), reload.get()),
        |(org, _)| list_tournaments(org),
    );
    view! {
        <section class="plugin-page" data-testid="tournaments">
            <h2>"Tournaments"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading the tournaments…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! {
                            <TournamentTable org=org.get_untracked() rows=page.tournaments/>
                            {page.rights.manage.then(|| view! {
                                <NewTournament save randomizers=page.randomizers/>
                            })}
                        }
                        .into_any(),
                    }
                })}
            </Transition>
        </section>
        <RosterPage/>
    }
}

#[component]
fn TournamentTable(org: String, rows: Vec<Tournament>) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No tournaments yet."</p> }.into_any();
    }
    let sort = RwSignal::new(Sort::Start);
    let sorted = move || {
        let mut rows = rows.clone();
        match sort.get() {
            Sort::Name => rows.sort_by_key(|t| t.name.to_lowercase()),
            Sort::Start => rows.sort_by_key(|t| std::cmp::Reverse(t.starts_at)),
            Sort::Matches => rows.sort_by_key(|t| std::cmp::Reverse(t.match_count)),
        }
        rows
    };
    view! {
        <table class="table" data-testid="tournament-table">
            <thead>
                <tr>
                    <SortHeader label="Tournament" by=Sort::Name sort/>
                    <SortHeader label="Season" by=Sort::Start sort/>
                    <th>"Players"</th>
                    <SortHeader label="Matches" by=Sort::Matches sort/>
                    <th>"State"</th>
                </tr>
            </thead>
            <tbody>
                <For each=sorted key=|t| t.id let:t>
                    <tr data-testid="tournament-row">
                        <td><a href=tournament_href(&org, t.id)>{t.name.clone()}</a></td>
                        <td>{t.starts_at.map(|ms| view! { <LocalTime millis=ms/> })}</td>
                        <td>{t.player_count}</td>
                        <td>{t.match_count}</td>
                        <td>{if t.is_active { "Active" } else { "Closed" }}</td>
                    </tr>
                </For>
            </tbody>
        </table>
    }
    .into_any()
}

#[component]
fn NewTournament(
    save: ServerAction<SaveTournament>,
    randomizers: Vec<(String, String)>,
) -> impl IntoView {
    let org = org_slug();
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let randomizer = RwSignal::new(String::new());
    let preset = RwSignal::new(String::new());
    let starts = RwSignal::new(String::new());
    let ends = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveTournament {
            org: org.get_untracked(),
            id: None,
            name: name.get_untracked(),
            description: description.get_untracked(),
            is_active: true,
            starts_at: local_input_to_millis(&starts.get_untracked()),
            ends_at: local_input_to_millis(&ends.get_untracked()),
            randomizer: randomizer.get_untracked(),
            preset: preset.get_untracked(),
            onsite: false,
        });
    };
    let error = move |field: &'static str| field_problem(save, field);
    let options = randomizers
        .into_iter()
        .map(|(id, label)| view! { <option value=id>{label}</option> })
        .collect::<Vec<_>>();
    // A creation reloads the page's list, which builds this form again, empty: it stays open
    // to show that it worked.
    let open = save.value().get_untracked().is_some_and(|r| r.is_ok());
    view! {
        <details class="card" data-testid="new-tournament" open=open>
            <summary>"New tournament"</summary>
            <form on:submit=submit>
                <label class="field">"Name" <input bind:value=name data-testid="tournament-name"/>{error("name")}</label>
                <label class="field">"Description" <textarea bind:value=description></textarea>{error("description")}</label>
                <label class="field">"Randomizer"
                    <select bind:value=randomizer data-testid="tournament-randomizer">
                        <option value="">"None yet"</option>
                        {options}
                    </select>
                    {error("randomizer")}
                </label>
                <label class="field">"Preset (namespace/name)" <input bind:value=preset/>{error("preset")}</label>
                <label class="field">"Season starts" <input type="datetime-local" bind:value=starts/>{error("starts_at")}</label>
                <label class="field">"Season ends" <input type="datetime-local" bind:value=ends/>{error("ends_at")}</label>
                <button type="submit">"Create"</button>
                {move || save.value().get().map(|r| match r {
                    Ok(_) => view! { <p class="success" data-testid="tournament-created">"Created."</p> }.into_any(),
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                })}
            </form>
        </details>
    }
}

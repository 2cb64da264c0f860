//! Bulk scheduling: an organizer pastes one match per line, sees each line read back (or what
//! is wrong with it) as they type, and creates them all at once.

use leptos::prelude::*;
use sahabot_sdk::pages::{field_problem, id_param, local_input_to_millis, message, org_slug};

use super::parts::{tournament_href, When};
use crate::bulk::{self, Parsed};
use crate::server_fns::bulk::ScheduleMatches;
use crate::server_fns::tournaments::{tournament_page, TournamentData};

#[component]
pub fn BulkPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let data = Resource::new(
        move || (org.get(), id.get()),
        |(org, id)| tournament_page(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="bulk-page">
            <Transition fallback=|| view! { <p class="loading">"Loading the tournament…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! { <BulkForm page/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn BulkForm(page: TournamentData) -> impl IntoView {
    let org = org_slug();
    let t = page.tournament.clone();
    let schedule = ServerAction::<ScheduleMatches>::new();
    let text = RwSignal::new(String::new());
    let players = StoredValue::new(page.players.clone());
    let channels = StoredValue::new(page.channels.clone());
    let parsed = Memo::new(move |_| {
        text.with(|text| {
            bulk::parse(
                text,
                &players.read_value(),
                &channels.read_value(),
                local_input_to_millis,
            )
        })
    });
    let ready = move || parsed.with(|p| bulk::rows(p).ok().filter(|rows| !rows.is_empty()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(rows) = ready() {
            schedule.dispatch(ScheduleMatches {
                org: org.get_untracked(),
                tournament_id: t.id,
                rows,
            });
        }
    };
    Effect::new(move |_| {
        if schedule.value().with(|v| matches!(v, Some(Ok(_)))) {
            text.set(String::new());
        }
    });
    let example = match page.players.as_slice() {
        [a, b, ..] => format!(
            "{}, {}; 2027-01-05 18:00; {}; Round 1",
            a.display_name,
            b.display_name,
            page.channels.first().map(|c| c.name.as_str()).unwrap_or("")
        ),
        _ => "Player One, Player Two; 2027-01-05 18:00; Main stream; Round 1".to_owned(),
    };
    let back = tournament_href(&org.get_untracked(), page.tournament.id);
    let count = move || parsed.with(|p| p.iter().filter(|l| matches!(l, Parsed::Match(_))).count());
    view! {
        <h2>"Schedule matches in bulk: " <a href=back.clone()>{page.tournament.name.clone()}</a></h2>
        <p class="hint">
            "One match per line: players; time; stream channel; title. Only the players are needed. "
            "Separate players with commas or “vs”; name them as registered, or as #user id. "
            "Times are in your time zone, YYYY-MM-DD HH:MM. Rows pasted from a spreadsheet (tabs) work too; "
            "lines starting with “# ” are skipped. All the matches are created, or none."
        </p>
        <form class="card" on:submit=submit data-testid="bulk-form">
            <label class="field">"Matches"
                <textarea rows="10" bind:value=text placeholder=example data-testid="bulk-text"></textarea>
                {field_problem(schedule, "matches")}
            </label>
            <Preview parsed players channels/>
            <button type="submit" disabled=move || ready().is_none() data-testid="bulk-submit">
                {move || match count() {
                    1 => "Schedule 1 match".to_owned(),
                    n => format!("Schedule {n} matches"),
                }}
            </button>
            {move || schedule.value().get().map(|r| match r {
                Ok(n) => view! {
                    <p class="success" data-testid="bulk-done">
                        {format!("Scheduled {n} matches. ")}<a href=back.clone()>"See the schedule"</a>
                    </p>
                }.into_any(),
                Err(e) if sahabot_sdk::pages::field_error(Some(&e), "matches").is_none() => {
                    view! { <p class="error">{message(&e)}</p> }.into_any()
                }
                Err(_) => ().into_any(),
            })}
        </form>
    }
}

/// Each line as it will be created, or what is wrong with it.
#[component]
fn Preview(
    parsed: Memo<Vec<Parsed>>,
    players: StoredValue<Vec<crate::model::Player>>,
    channels: StoredValue<Vec<crate::model::StreamChannel>>,
) -> impl IntoView {
    let name = move |id: i64| {
        players.with_value(|ps| {
            ps.iter()
                .find(|p| p.user_id == id)
                .map(|p| p.display_name.clone())
                .unwrap_or_default()
        })
    };
    let channel = move |id: i64| {
        channels.with_value(|cs| {
            cs.iter()
                .find(|c| c.id == id)
                .map(|c| c.name.clone())
                .unwrap_or_default()
        })
    };
    let rows = move || {
        parsed
            .get()
            .into_iter()
            .map(|line| match line {
                Parsed::Match(row) => view! {
                    <tr data-testid="bulk-row">
                        <td>{row.line}</td>
                        <td>{row.players.iter().map(|p| name(*p)).collect::<Vec<_>>().join(" vs ")}</td>
                        <td><When at=row.scheduled_at/></td>
                        <td>{row.stream_channel_id.map(channel)}</td>
                        <td>{row.title.clone()}</td>
                    </tr>
                }
                .into_any(),
                Parsed::Problem { line, message } => view! {
                    <tr data-testid="bulk-problem">
                        <td>{line}</td>
                        <td colspan="4" class="field-error">{message}</td>
                    </tr>
                }
                .into_any(),
            })
            .collect::<Vec<_>>()
    };
    view! {
        <Show when=move || parsed.with(|p| !p.is_empty())>
            <table class="table" data-testid="bulk-preview">
                <thead><tr><th>"Line"</th><th>"Players"</th><th>"When"</th><th>"Stream"</th><th>"Title"</th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </Show>
    }
}

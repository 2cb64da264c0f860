//! A match: its players, time, stream and status; its seed once it may be shown; its crew
//! and their signups; the players' settings. Each control shows only to those it serves.

use leptos::prelude::*;
use sahabot_sdk::pages::{
    field_error, field_problem, id_param, local_input_to_millis, message, millis_to_local_input,
    org_slug, reload_on_success,
};

use super::parts::{tournament_href, StatusBadge, When};
use crate::model::{CrewRole, FieldKind, MatchStatus, SettingsField};
use crate::server_fns::crew::{ApproveCrew, CrewSignUp, RemoveCrew};
use crate::server_fns::matches::{
    match_page, MatchData, RecordWinner, RollMatchSeed, StepMatch, UpdateMatch,
};
use crate::server_fns::settings::{SetSettingsApplied, SubmitSettings};

/// Every action of the page; each one's completion reloads the match.
#[derive(Clone, Copy)]
struct Actions {
    step: ServerAction<StepMatch>,
    winner: ServerAction<RecordWinner>,
    roll: ServerAction<RollMatchSeed>,
    update: ServerAction<UpdateMatch>,
    sign_up: ServerAction<CrewSignUp>,
    approve: ServerAction<ApproveCrew>,
    remove: ServerAction<RemoveCrew>,
    submit: ServerAction<SubmitSettings>,
    applied: ServerAction<SetSettingsApplied>,
}

impl Actions {
    fn new() -> Actions {
        Actions {
            step: ServerAction::new(),
            winner: ServerAction::new(),
            roll: ServerAction::new(),
            update: ServerAction::new(),
            sign_up: ServerAction::new(),
            approve: ServerAction::new(),
            remove: ServerAction::new(),
            submit: ServerAction::new(),
            applied: ServerAction::new(),
        }
    }

    /// A counter that goes up each time a change succeeds (a settings submission only when
    /// stored), for the match to load again.
    fn reload(&self) -> RwSignal<usize> {
        let reload = RwSignal::new(0_usize);
        reload_on_success(self.step, reload);
        reload_on_success(self.winner, reload);
        reload_on_success(self.roll, reload);
        reload_on_success(self.update, reload);
        reload_on_success(self.sign_up, reload);
        reload_on_success(self.approve, reload);
        reload_on_success(self.remove, reload);
        reload_on_success(self.applied, reload);
        let submit = self.submit;
        Effect::new(move |_| {
            if submit
                .value()
                .with(|v| matches!(v, Some(Ok(problems)) if problems.is_empty()))
            {
                reload.update(|n| *n += 1);
            }
        });
        reload
    }
}

#[component]
pub fn MatchPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let actions = Actions::new();
    let reload = actions.reload();
    let data = Resource::new(
        move || (org.get(), id.get(), reload.get()),
        |(org, id, _)| match_page(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="match">
            <Transition fallback=|| view! { <p class="loading">"Loading the match…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! { <Match page actions/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The refusal of an action's last run, for the line under its controls.
fn refusal<S>(action: ServerAction<S>) -> impl Fn() -> Option<String>
where
    S: leptos::server_fn::ServerFn<Error = ServerFnError> + Clone + Send + Sync + 'static,
    S::Output: Clone + Send + Sync + 'static,
{
    move || {
        action
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| message(&e))
    }
}

#[component]
fn Match(page: MatchData, actions: Actions) -> impl IntoView {
    let org = org_slug();
    let m = page.game.clone();
    let rights = page.rights;
    let me = rights.user_id;
    let plays = me.is_some_and(|u| m.players.iter().any(|p| p.user_id == u));
    let title = if m.title.is_empty() {
        format!("Match #{}", m.id)
    } else {
        m.title.clone()
    };
    let players = m
        .players
        .iter()
        .map(|p| {
            let rank = p.finish_rank.map(|r| r.to_string()).unwrap_or_default();
            view! {
                <tr data-testid="match-player-row">
                    <td class:winner=p.finish_rank == Some(1)>{p.display_name.clone()}</td>
                    <td>{rank}</td>
                    {page.tournament.onsite.then(|| view! { <td>{p.station.clone().unwrap_or_default()}</td> })}
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let stream = m.stream.clone().map(|s| {
        view! { <p>"Stream: " <a href=s.url.clone() rel="noopener" target="_blank">{s.name.clone()}</a></p> }
    });
    let seed = m.seed.clone().map(|s| {
        let rule = s.rule.clone().map(|r| format!(" (rule “{r}”)")).unwrap_or_default();
        view! {
            <div class="card" data-testid="match-seed">
                <h3>"Seed"</h3>
                <p><a href=s.permalink.clone() rel="noopener" target="_blank">{s.permalink.clone()}</a></p>
                <p class="hint">{s.hash.join(" · ")}</p>
                <p class="hint">{format!("From {}{rule}", s.preset)}</p>
            </div>
        }
    });
    let controls = rights.schedule.then(|| organizer_controls(&page, actions));
    let may_edit = rights.schedule || (plays && m.status <= MatchStatus::Scheduled);
    let edit = may_edit.then(|| edit_form(&page, actions));
    let settings = (plays && !page.tournament.settings_form.is_empty() && m.status < MatchStatus::Finished)
        .then(|| view! { <SettingsForm match_id=m.id form=page.tournament.settings_form.clone() submit=actions.submit/> });
    let submissions = page.submissions.clone().filter(|s| !s.is_empty()).map(|list| {
        let rows = list
            .into_iter()
            .map(|s| {
                let answers = s
                    .settings
                    .iter()
                    .map(|(k, v)| format!("{k}: {}", v.as_str().map_or_else(|| v.to_string(), str::to_string)))
                    .collect::<Vec<_>>()
                    .join(", ");
                let mark = rights.schedule.then(|| {
                    let applied = !s.applied;
                    let id = s.id;
                    view! {
                        <button type="button" class="secondary" on:click=move |_| {
                            actions.applied.dispatch(SetSettingsApplied { org: org.get_untracked(), id, applied });
                        }>{if applied { "Mark applied" } else { "Mark not applied" }}</button>
                    }
                });
                view! {
                    <tr data-testid="submission-row">
                        <td>{s.game_number}</td>
                        <td>{s.display_name.clone()}</td>
                        <td>{answers}</td>
                        <td>{if s.applied { "Applied" } else { "Waiting" }}</td>
                        <td>{mark}</td>
                    </tr>
                }
            })
            .collect::<Vec<_>>();
        view! {
            <h3>"Settings submitted"</h3>
            <table class="table">
                <thead><tr><th>"Game"</th><th>"By"</th><th>"Settings"</th><th>"State"</th><th></th></tr></thead>
                <tbody>{rows}</tbody>
            </table>
        }
    });
    view! {
        <header class="page-head">
            <h2>{title}</h2>
            <StatusBadge status=m.status/>
        </header>
        <p class="hint">
            <a href=tournament_href(&org.get_untracked(), page.tournament.id)>{page.tournament.name.clone()}</a>
            " · " <When at=m.times.scheduled_at/>
        </p>
        {(!m.comment.is_empty()).then(|| view! { <p>{m.comment.clone()}</p> })}
        {stream}
        <table class="table" data-testid="match-players">
            <thead><tr><th>"Player"</th><th>"Place"</th>{page.tournament.onsite.then(|| view! { <th>"Station"</th> })}</tr></thead>
            <tbody>{players}</tbody>
        </table>
        {controls}
        {seed}
        {edit}
        <Crew page=page.clone() actions plays/>
        {settings}
        {submissions}
    }
}

fn organizer_controls(page: &MatchData, actions: Actions) -> impl IntoView {
    let org = org_slug();
    let m = page.game.clone();
    let id = m.id;
    let winner = RwSignal::new(String::new());
    let options = m
        .players
        .iter()
        .map(|p| view! { <option value=p.user_id.to_string()>{p.display_name.clone()}</option> })
        .collect::<Vec<_>>();
    let results = matches!(m.status, MatchStatus::InProgress | MatchStatus::Finished).then(|| {
        view! {
            <form class="inline" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                if let Ok(winner) = winner.get_untracked().parse() {
                    actions.winner.dispatch(RecordWinner { org: org.get_untracked(), id, winner });
                }
            }>
                <label>"Winner "
                    <select bind:value=winner data-testid="winner">
                        <option value="">"Choose…"</option>
                        {options}
                    </select>
                </label>
                <button type="submit" data-testid="record-winner">"Record the result"</button>
            </form>
        }
    });
    let can_roll = page.tournament.randomizer.is_some() && m.status < MatchStatus::Finished;
    view! {
        <div class="card toolbar" data-testid="match-controls">
            <button type="button" class="secondary" disabled=m.status == MatchStatus::Pending
                on:click=move |_| { actions.step.dispatch(StepMatch { org: org.get_untracked(), id, forward: false }); }
                data-testid="revert">"Back one step"</button>
            <button type="button" disabled=m.status == MatchStatus::Recorded
                on:click=move |_| { actions.step.dispatch(StepMatch { org: org.get_untracked(), id, forward: true }); }
                data-testid="advance">"Advance"</button>
            {results}
            {can_roll.then(|| view! {
                <button type="button" class="secondary"
                    on:click=move |_| { actions.roll.dispatch(RollMatchSeed { org: org.get_untracked(), id }); }
                    data-testid="roll-seed">"Roll the seed"</button>
            })}
            <p class="error" data-testid="control-error">
                {move || refusal(actions.step)().or_else(refusal(actions.winner)).or_else(refusal(actions.roll))}
            </p>
        </div>
    }
}

fn edit_form(page: &MatchData, actions: Actions) -> impl IntoView {
    let org = org_slug();
    let m = page.game.clone();
    let id = m.id;
    let title = RwSignal::new(m.title.clone());
    let comment = RwSignal::new(m.comment.clone());
    let when = RwSignal::new(
        m.times
            .scheduled_at
            .map(millis_to_local_input)
            .unwrap_or_default(),
    );
    let channel = RwSignal::new(
        m.stream
            .as_ref()
            .map(|s| s.id.to_string())
            .unwrap_or_default(),
    );
    let channels = (!page.channels.is_empty()).then(|| {
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
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        actions.update.dispatch(UpdateMatch {
            org: org.get_untracked(),
            id,
            title: title.get_untracked(),
            comment: comment.get_untracked(),
            scheduled_at: local_input_to_millis(&when.get_untracked()),
            stream_channel_id: channel.get_untracked().parse().ok(),
        });
    };
    let error = move |field: &'static str| field_problem(actions.update, field);
    view! {
        <details class="card" data-testid="edit-match">
            <summary>"Change the time or details"</summary>
            <form on:submit=submit>
                <label class="field">"Title" <input bind:value=title/>{error("title")}</label>
                <label class="field">"When (your time)" <input type="datetime-local" bind:value=when data-testid="edit-when"/>{error("scheduled_at")}</label>
                <label class="field">"Comment" <textarea bind:value=comment></textarea>{error("comment")}</label>
                {channels}
                <button type="submit">"Save"</button>
                <p class="error">{move || actions.update.value().get().and_then(Result::err)
                    .filter(|e| ["title", "scheduled_at", "comment"].iter().all(|f| field_error(Some(e), f).is_none()))
                    .map(|e| message(&e))}</p>
            </form>
        </details>
    }
}

#[component]
fn Crew(page: MatchData, actions: Actions, plays: bool) -> impl IntoView {
    let org = org_slug();
    let m = page.game;
    let rights = page.rights;
    let rows = m
        .crew
        .iter()
        .map(|c| {
            let id = c.id;
            let own = rights.user_id == Some(c.user_id);
            let approve = rights.crew.then(|| {
                let approved = !c.approved;
                view! {
                    <button type="button" class="secondary" data-testid="approve-crew" on:click=move |_| {
                        actions.approve.dispatch(ApproveCrew { org: org.get_untracked(), id, approved });
                    }>{if approved { "Approve" } else { "Withdraw approval" }}</button>
                }
            });
            let remove = (own || rights.crew).then(|| view! {
                <button type="button" class="secondary" on:click=move |_| {
                    actions.remove.dispatch(RemoveCrew { org: org.get_untracked(), id });
                }>"Remove"</button>
            });
            view! {
                <tr data-testid="crew-row" data-crew=c.display_name.clone()>
                    <td>{c.display_name.clone()}</td>
                    <td>{role_label(c.role)}</td>
                    <td>{if c.approved { "Approved" } else { "Waiting for approval" }}</td>
                    <td>{approve}{remove}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    let empty = rows.is_empty();
    let match_id = m.id;
    let sign_up = (rights.member && !plays && m.status < MatchStatus::Finished).then(|| {
        let buttons = CrewRole::ALL
            .into_iter()
            .map(|role| view! {
                <button type="button" class="secondary" data-testid="crew-sign-up" data-role=role.as_str()
                    on:click=move |_| { actions.sign_up.dispatch(CrewSignUp { org: org.get_untracked(), match_id, role }); }>
                    {format!("Sign up as {}", role_label(role).to_lowercase())}
                </button>
            })
            .collect::<Vec<_>>();
        view! { <div class="toolbar">{buttons}</div> }
    });
    view! {
        <h3>"Crew"</h3>
        {if empty {
            view! { <p class="empty">"Nobody has signed up yet."</p> }.into_any()
        } else {
            view! {
                <table class="table" data-testid="crew">
                    <thead><tr><th>"Who"</th><th>"Role"</th><th>"State"</th><th></th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
            }.into_any()
        }}
        {sign_up}
        <p class="error">{move || refusal(actions.sign_up)().or_else(refusal(actions.approve)).or_else(refusal(actions.remove))}</p>
    }
}

pub fn role_label(role: CrewRole) -> &'static str {
    match role {
        CrewRole::Commentator => "Commentator",
        CrewRole::Tracker => "Tracker",
        CrewRole::Restreamer => "Restreamer",
    }
}

/// The player's settings for a game, built from the tournament's form; each problem the
/// server finds is shown next to its field.
#[component]
fn SettingsForm(
    match_id: i64,
    form: Vec<SettingsField>,
    submit: ServerAction<SubmitSettings>,
) -> impl IntoView {
    let org = org_slug();
    let game = RwSignal::new("1".to_string());
    let values: Vec<(SettingsField, RwSignal<String>)> = form
        .into_iter()
        .map(|f| (f, RwSignal::new(String::new())))
        .collect();
    let problem = move |field: String| {
        move || {
            submit
                .value()
                .get()
                .and_then(Result::ok)
                .and_then(|problems| problems.into_iter().find(|p| p.field == field))
                .map(|p| view! { <span class="field-error" data-field=p.field.clone()>{p.message}</span> })
        }
    };
    let fields = values
        .iter()
        .map(|(f, value)| {
            let value = *value;
            let input = match &f.kind {
                FieldKind::Select { options } => {
                    let options = options
                        .iter()
                        .map(|o| view! { <option value=o.clone()>{o.clone()}</option> })
                        .collect::<Vec<_>>();
                    view! {
                        <select bind:value=value data-setting=f.name.clone()>
                            <option value="">"Choose…"</option>
                            {options}
                        </select>
                    }
                    .into_any()
                }
                FieldKind::Number { .. } => view! { <input type="number" step="any" bind:value=value data-setting=f.name.clone()/> }.into_any(),
                FieldKind::Text { .. } => view! { <input bind:value=value data-setting=f.name.clone()/> }.into_any(),
                FieldKind::Checkbox => view! {
                    <input type="checkbox" data-setting=f.name.clone()
                        on:change=move |ev| value.set(event_target_checked(&ev).to_string())/>
                }
                .into_any(),
            };
            let help = (!f.help.is_empty()).then(|| view! { <span class="hint">{f.help.clone()}</span> });
            view! {
                <label class="field">
                    {f.label.clone()}{f.required.then_some(" *")}
                    {input}
                    {help}
                    {problem(f.name.clone())}
                </label>
            }
        })
        .collect::<Vec<_>>();
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let answers: serde_json::Map<String, serde_json::Value> = values
            .iter()
            .map(|(f, v)| (f.name.clone(), serde_json::Value::String(v.get_untracked())))
            .collect();
        submit.dispatch(SubmitSettings {
            org: org.get_untracked(),
            match_id,
            game_number: game.get_untracked().parse().unwrap_or(0),
            answers: serde_json::Value::Object(answers).to_string(),
        });
    };
    view! {
        <details class="card" open data-testid="settings-form">
            <summary>"Your settings"</summary>
            <form on:submit=on_submit>
                <label class="field">"Game" <input type="number" min="1" bind:value=game/></label>
                {fields}
                <button type="submit" data-testid="submit-settings">"Submit"</button>
                {move || submit.value().get().map(|r| match r {
                    Ok(problems) if problems.is_empty() => view! { <p class="success" data-testid="settings-stored">"Submitted."</p> }.into_any(),
                    Ok(_) => view! { <p class="error">"Some settings need another look."</p> }.into_any(),
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                })}
            </form>
        </details>
    }
}

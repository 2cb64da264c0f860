//! A tournament's organizer page: its settings, its players, the preset rules (with which one
//! a given match would pick) and the players' settings form.

use leptos::prelude::*;
use sahabot_sdk::pages::{
    field_error, field_problem, id_param, local_input_to_millis, message, millis_to_local_input,
    org_slug, reload_on_success,
};

use super::parts::tournament_href;
use crate::server_fns::tournaments::{
    preview_preset, tournament_page, JsonPart, SaveTournament, SaveTournamentJson, SetPlayer,
    TournamentData,
};

#[component]
pub fn ManagePage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let save = ServerAction::<SaveTournament>::new();
    let player = ServerAction::<SetPlayer>::new();
    let rules = ServerAction::<SaveTournamentJson>::new();
    let form = ServerAction::<SaveTournamentJson>::new();
    let reload = RwSignal::new(0_usize);
    reload_on_success(save, reload);
    reload_on_success(player, reload);
    reload_on_success(rules, reload);
    reload_on_success(form, reload);
    // Which preset a match would get: made here, not in the loaded view, so that it hydrates.
    let preview_match = RwSignal::new(String::new());
    let picked = Resource::new(
        move || (org.get(), preview_match.get(), reload.get()),
        |(org, match_id, _)| async move {
            match match_id.trim().parse::<i64>() {
                Ok(id) => Some(preview_preset(org, id).await),
                Err(_) => None,
            }
        },
    );
    let data = Resource::new(
        move || (org.get(), id.get(), reload.get()),
        |(org, id, ..)| tournament_page(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="manage-tournament">
            <Transition fallback=|| view! { <p class="loading">"Loading the tournament…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! {
                            <h2>"Manage " <a href=tournament_href(&org.get_untracked(), page.tournament.id)>{page.tournament.name.clone()}</a></h2>
                            <Settings page=page.clone() save/>
                            <Players page=page.clone() player/>
                            <JsonEditor page=page.clone() json=rules part=JsonPart::PresetRules preview=Some((preview_match, picked))/>
                            <JsonEditor page json=form part=JsonPart::SettingsForm preview=None/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// The preset a match would get, and the rule that picks it, once a match is named.
type Preview = Resource<Option<Result<(Option<String>, Option<String>), ServerFnError>>>;

#[component]
fn Settings(page: TournamentData, save: ServerAction<SaveTournament>) -> impl IntoView {
    let org = org_slug();
    let t = page.tournament;
    let id = t.id;
    let name = RwSignal::new(t.name.clone());
    let description = RwSignal::new(t.description.clone());
    let active = RwSignal::new(t.is_active);
    let onsite = RwSignal::new(t.onsite);
    let randomizer = RwSignal::new(t.randomizer.clone().unwrap_or_default());
    let preset = RwSignal::new(t.preset.clone().unwrap_or_default());
    let starts = RwSignal::new(t.starts_at.map(millis_to_local_input).unwrap_or_default());
    let ends = RwSignal::new(t.ends_at.map(millis_to_local_input).unwrap_or_default());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveTournament {
            org: org.get_untracked(),
            id: Some(id),
            name: name.get_untracked(),
            description: description.get_untracked(),
            is_active: active.get_untracked(),
            starts_at: local_input_to_millis(&starts.get_untracked()),
            ends_at: local_input_to_millis(&ends.get_untracked()),
            randomizer: randomizer.get_untracked(),
            preset: preset.get_untracked(),
            onsite: onsite.get_untracked(),
        });
    };
    let error = move |field: &'static str| field_problem(save, field);
    let options = page
        .randomizers
        .into_iter()
        .map(|(id, label)| view! { <option value=id.clone() selected=t.randomizer.as_deref() == Some(id.as_str())>{label}</option> })
        .collect::<Vec<_>>();
    view! {
        <form class="card" on:submit=submit data-testid="tournament-settings">
            <h3>"Settings"</h3>
            <label class="field">"Name" <input bind:value=name/>{error("name")}</label>
            <label class="field">"Description" <textarea bind:value=description></textarea>{error("description")}</label>
            <label class="check"><input type="checkbox" bind:checked=active/>" Active (new matches may be created)"</label>
            <label class="check"><input type="checkbox" bind:checked=onsite/>" Played on site (players get stations)"</label>
            <label class="field">"Randomizer"
                <select bind:value=randomizer><option value="">"None"</option>{options}</select>
                {error("randomizer")}
            </label>
            <label class="field">"Preset when no rule picks one (namespace/name)" <input bind:value=preset/>{error("preset")}</label>
            <label class="field">"Season starts" <input type="datetime-local" bind:value=starts/>{error("starts_at")}</label>
            <label class="field">"Season ends" <input type="datetime-local" bind:value=ends/>{error("ends_at")}</label>
            <button type="submit">"Save"</button>
            {move || save.value().get().map(|r| match r {
                Ok(_) => view! { <p class="success">"Saved."</p> }.into_any(),
                Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
            })}
        </form>
    }
}

#[component]
fn Players(page: TournamentData, player: ServerAction<SetPlayer>) -> impl IntoView {
    let org = org_slug();
    let id = page.tournament.id;
    let chosen = RwSignal::new(String::new());
    let registered: Vec<i64> = page.players.iter().map(|p| p.user_id).collect();
    let options = page
        .members
        .iter()
        .filter(|(user, _)| !registered.contains(user))
        .map(|(user, name)| view! { <option value=user.to_string()>{name.clone()}</option> })
        .collect::<Vec<_>>();
    let rows = page
        .players
        .iter()
        .map(|p| {
            let user_id = p.user_id;
            view! {
                <tr data-testid="player-row">
                    <td>{p.display_name.clone()}</td>
                    <td><button type="button" class="secondary" on:click=move |_| {
                        player.dispatch(SetPlayer { org: org.get_untracked(), id, user_id, add: false });
                    }>"Remove"</button></td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="card" data-testid="tournament-players">
            <h3>"Players"</h3>
            <table class="table"><tbody>{rows}</tbody></table>
            <form class="inline" on:submit=move |ev: leptos::ev::SubmitEvent| {
                ev.prevent_default();
                if let Ok(user_id) = chosen.get_untracked().parse() {
                    player.dispatch(SetPlayer { org: org.get_untracked(), id, user_id, add: true });
                }
            }>
                <select bind:value=chosen data-testid="add-player-choice">
                    <option value="">"A member…"</option>
                    {options}
                </select>
                <button type="submit" data-testid="add-player">"Register"</button>
            </form>
            <p class="error">{move || player.value().get().and_then(Result::err).map(|e| message(&e))}</p>
        </div>
    }
}

/// The preset rules or the settings form as JSON, checked by the server on save; the rules'
/// editor also shows which preset a match would get.
#[component]
fn JsonEditor(
    page: TournamentData,
    json: ServerAction<SaveTournamentJson>,
    part: JsonPart,
    preview: Option<(RwSignal<String>, Preview)>,
) -> impl IntoView {
    let org = org_slug();
    let id = page.tournament.id;
    let (title, field, current, hint) = match part {
        JsonPart::PresetRules => (
            "Preset rules",
            "rules",
            serde_json::to_string_pretty(&page.tournament.preset_rules).unwrap_or_default(),
            r#"A list of {"name", "when", "preset"}; "when" compares a match.…, settings.… or tournament.… field ({"field": "match.title", "op": "contains", "value": "final"}) or combines conditions with {"and": […]}, {"or": […]}, {"not": …}. The first rule that holds picks the preset."#,
        ),
        JsonPart::SettingsForm => (
            "Players' settings form",
            "form",
            serde_json::to_string_pretty(&page.tournament.settings_form).unwrap_or_default(),
            r#"A list of fields: {"name": "mode", "label": "Mode", "type": "select", "options": ["open", "standard"], "required": true}; types select, text (max_length), number (min, max), checkbox."#,
        ),
    };
    let text = RwSignal::new(current);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        json.dispatch(SaveTournamentJson {
            org: org.get_untracked(),
            id,
            what: part,
            text: text.get_untracked(),
        });
    };
    let preview = preview.map(|(match_id, picked)| {
        view! {
            <label class="field">"Which preset would match number … get?"
                <input type="number" min="1" bind:value=match_id data-testid="preview-match"/>
            </label>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match picked.await {
                        None => ().into_any(),
                        Some(Err(e)) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Some(Ok((preset, rule))) => {
                            let text = match (preset, rule) {
                                (Some(p), Some(r)) => format!("{p}, picked by the rule “{r}”"),
                                (Some(p), None) => format!("{p}, the tournament's preset (no rule holds)"),
                                (None, _) => "no preset: no rule holds and the tournament has none".into(),
                            };
                            view! { <p class="success" data-testid="preview-result">{text}</p> }.into_any()
                        }
                    }
                })}
            </Transition>
        }
    });
    view! {
        <form class="card" on:submit=submit data-testid=format!("editor-{field}")>
            <h3>{title}</h3>
            <p class="hint">{hint}</p>
            <textarea class="code" rows="12" bind:value=text></textarea>
            {move || json.value().get().and_then(Result::err).and_then(|e| field_error(Some(&e), field))
                .map(|m| view! { <span class="field-error" data-field=field>{m}</span> })}
            <button type="submit">"Save"</button>
            {preview}
        </form>
    }
}

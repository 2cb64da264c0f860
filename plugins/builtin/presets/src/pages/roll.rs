use leptos::prelude::*;
use sahabot_sdk::pages::{message, org_slug};

use super::parts::RollResult;
use crate::server_fns::browse::presets_home;
use crate::server_fns::rolls::{rollable_presets, RollSeed};

/// Pick a randomizer and a preset, roll, and get the permalink and hash.
#[component]
pub fn RollPage() -> impl IntoView {
    let org = org_slug();
    let home = Resource::new(move || org.get(), presets_home);
    let randomizer = RwSignal::new(String::new());
    let preset = RwSignal::new(String::new());
    let presets = Resource::new(
        move || (org.get(), randomizer.get()),
        |(org, randomizer)| async move {
            if randomizer.is_empty() {
                return Ok(Vec::new());
            }
            rollable_presets(org, randomizer).await
        },
    );
    let roll = ServerAction::<RollSeed>::new();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Ok(preset_id) = preset.get_untracked().parse::<i64>() {
            roll.dispatch(RollSeed {
                org: org.get_untracked(),
                preset_id,
            });
        }
    };
    view! {
        <section class="plugin-page" data-testid="roll-page">
            <h2>"Roll a seed"</h2>
            <form on:submit=submit class="toolbar">
                <label class="field">"Randomizer"
                    <Suspense fallback=|| view! { <select disabled><option>"Loading…"</option></select> }>
                        {move || Suspend::new(async move {
                            let randomizers = home.await.map(|h| h.randomizers).unwrap_or_default();
                            view! {
                                <select data-testid="roll-randomizer" on:change=move |ev| { randomizer.set(event_target_value(&ev)); preset.set(String::new()); }>
                                    <option value="">"Choose…"</option>
                                    {randomizers.into_iter().map(|r| view! { <option value=r.id>{r.name}</option> }).collect_view()}
                                </select>
                            }
                        })}
                    </Suspense>
                </label>
                <label class="field">"Preset"
                    <Transition fallback=|| ()>
                        {move || Suspend::new(async move {
                            match presets.await {
                                Err(e) => view! { <span class="error">{message(&e)}</span> }.into_any(),
                                Ok(list) => view! {
                                    <select data-testid="roll-preset" on:change=move |ev| preset.set(event_target_value(&ev))>
                                        <option value="">{if list.is_empty() { "No preset" } else { "Choose…" }}</option>
                                        {list.into_iter().map(|(id, label)| view! { <option value=id.to_string()>{label}</option> }).collect_view()}
                                    </select>
                                }.into_any(),
                            }
                        })}
                    </Transition>
                </label>
                <button type="submit" data-testid="roll-submit" disabled=move || roll.pending().get() || preset.get().is_empty()>
                    {move || if roll.pending().get() { "Rolling…" } else { "Roll" }}
                </button>
            </form>
            {move || roll.value().get().map(|r| match r {
                Ok(seed) => view! { <RollResult roll=seed/> }.into_any(),
                Err(e) => view! { <p class="error" data-testid="roll-error">{message(&e)}</p> }.into_any(),
            })}
        </section>
    }
}

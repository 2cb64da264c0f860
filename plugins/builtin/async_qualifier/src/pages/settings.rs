//! A qualifier's settings form: for a new qualifier on the list, and on its manage page.

use leptos::prelude::*;
use sahabot_sdk::pages::{
    field_problem, local_input_to_millis, message, millis_to_local_input, org_slug,
};

use crate::model::Qualifier;
use crate::server_fns::qualifiers::SaveQualifier;

#[component]
pub fn QualifierSettings(
    save: ServerAction<SaveQualifier>,
    /// The qualifier to change; a new one when `None`.
    current: Option<Qualifier>,
) -> impl IntoView {
    let org = org_slug();
    let id = current.as_ref().map(|q| q.id);
    let q = current.as_ref();
    let name = RwSignal::new(q.map(|q| q.name.clone()).unwrap_or_default());
    let description = RwSignal::new(q.map(|q| q.description.clone()).unwrap_or_default());
    let active = RwSignal::new(q.is_none_or(|q| q.is_active));
    let hide = RwSignal::new(q.is_some_and(|q| q.hide_results));
    let runs = RwSignal::new(q.map_or(1, |q| q.runs_per_pool).to_string());
    let reattempts = RwSignal::new(
        q.and_then(|q| q.max_reattempts)
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    let opens = RwSignal::new(
        q.and_then(|q| q.opens_at)
            .map(millis_to_local_input)
            .unwrap_or_default(),
    );
    let closes = RwSignal::new(
        q.and_then(|q| q.closes_at)
            .map(millis_to_local_input)
            .unwrap_or_default(),
    );
    let typo = RwSignal::new(None::<(&'static str, String)>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(runs_per_pool) = runs.get_untracked().trim().parse::<i64>() else {
            typo.set(Some(("runs_per_pool", "must be a whole number".into())));
            return;
        };
        let max_reattempts = match reattempts.get_untracked().trim() {
            "" => None,
            n => match n.parse::<i64>() {
                Ok(n) => Some(n),
                Err(_) => {
                    typo.set(Some((
                        "max_reattempts",
                        "must be a whole number, or empty".into(),
                    )));
                    return;
                }
            },
        };
        typo.set(None);
        save.dispatch(SaveQualifier {
            org: org.get_untracked(),
            id,
            name: name.get_untracked(),
            description: description.get_untracked(),
            is_active: active.get_untracked(),
            opens_at: local_input_to_millis(&opens.get_untracked()),
            closes_at: local_input_to_millis(&closes.get_untracked()),
            runs_per_pool,
            max_reattempts,
            hide_results: hide.get_untracked(),
        });
    };
    let error = move |field: &'static str| {
        let server = field_problem(save, field);
        move || match typo.get() {
            Some((f, m)) if f == field => {
                Some(view! { <span class="field-error" data-field=field>{m}</span> }.into_any())
            }
            _ => server(),
        }
    };
    view! {
        <form on:submit=submit data-testid="qualifier-settings">
            <label class="field">"Name" <input bind:value=name data-testid="qualifier-name"/>{error("name")}</label>
            <label class="field">"Description" <textarea bind:value=description></textarea>{error("description")}</label>
            <label class="field">"Runs per pool" <input bind:value=runs inputmode="numeric" data-testid="qualifier-runs"/>{error("runs_per_pool")}</label>
            <label class="field">"Reattempts allowed (empty: no limit)" <input bind:value=reattempts inputmode="numeric"/>{error("max_reattempts")}</label>
            <label class="field">"Opens" <input type="datetime-local" bind:value=opens/>{error("opens_at")}</label>
            <label class="field">"Closes" <input type="datetime-local" bind:value=closes/>{error("closes_at")}</label>
            <label class="check"><input type="checkbox" bind:checked=active/>" Active (runs may be started)"</label>
            <label class="check"><input type="checkbox" bind:checked=hide/>" Hide scores and the leaderboard until it closes"</label>
            <button type="submit">{if id.is_some() { "Save" } else { "Create" }}</button>
            {move || save.value().get().map(|r| match r {
                Ok(_) => view! { <p class="success" data-testid="qualifier-saved">"Saved."</p> }.into_any(),
                Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
            })}
        </form>
    }
}

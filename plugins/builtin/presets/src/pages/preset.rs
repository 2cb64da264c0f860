use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use sahabot_sdk::pages::{format_instant, id_param, message, org_slug};

use super::parts::RollResult;
use super::yaml_editor::YamlEditor;
use crate::model::PresetDetail;
use crate::server_fns::presets::{get_preset, DeletePreset, UpdatePreset};
use crate::server_fns::rolls::RollSeed;

/// One preset: its settings (editable by those allowed, checked as they are typed), a roll
/// button, its history and deletion.
#[component]
pub fn PresetPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let save = ServerAction::<UpdatePreset>::new();
    let preset = Resource::new(
        move || (org.get(), id.get(), save.version().get()),
        |(org, id, _)| get_preset(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="preset-page">
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match preset.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(p) => view! { <PresetView preset=p save/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn PresetView(preset: PresetDetail, save: ServerAction<UpdatePreset>) -> impl IntoView {
    let org = org_slug();
    let roll = ServerAction::<RollSeed>::new();
    let delete = ServerAction::<DeletePreset>::new();
    let yaml = RwSignal::new(preset.yaml.clone());
    let description = RwSignal::new(preset.description.clone());
    let is_public = RwSignal::new(preset.is_public);
    let hide_rolled = RwSignal::new(preset.hide_rolled);
    let randomizer = Signal::derive({
        let r = preset.randomizer.clone();
        move || r.clone()
    });
    let id = preset.id;
    let revision = preset.revision;
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(())) = delete.value().get() {
            navigate(
                &format!("/org/{}/presets", org.get_untracked()),
                Default::default(),
            );
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(UpdatePreset {
            org: org.get_untracked(),
            id,
            base_revision: revision,
            description: description.get_untracked(),
            yaml: yaml.get_untracked(),
            is_public: is_public.get_untracked(),
            hide_rolled: hide_rolled.get_untracked(),
        });
    };
    let revisions_href = format!("/org/{}/presets/p/{id}/revisions", org.get_untracked());
    // The text is on the page already: the link carries it (no second request, and private
    // presets download too).
    let download_href = format!(
        "data:application/yaml;charset=utf-8,{}",
        percent_encoded(&preset.yaml)
    );
    let download_name = format!(
        "{}-{}-{}.yaml",
        preset.namespace, preset.randomizer, preset.name
    );
    let ns_href = format!(
        "/org/{}/presets/ns/{}",
        org.get_untracked(),
        preset.namespace
    );
    let rights = preset.rights;
    view! {
        <h2>{preset.name.clone()} " " <small>{preset.randomizer.clone()}</small>
            {preset.is_mystery.then(|| view! { " " <span class="badge">"mystery"</span> })}
        </h2>
        <p class="hint">
            "In " <a href=ns_href>{preset.namespace.clone()}</a>
            {preset.created_by.clone().map(|c| format!(" · written by {c}"))}
            " · revision " {revision} " · changed " {format_instant(preset.updated_at)}
            " · " <a href=revisions_href data-testid="preset-revisions">"History"</a>
            " · " <a href=download_href download=download_name data-testid="preset-download">"Download YAML"</a>
        </p>
        {(!preset.description.is_empty()).then(|| view! { <p>{preset.description.clone()}</p> })}
        <div class="toolbar">
            <button type="button" data-testid="roll-seed" disabled=move || roll.pending().get()
                on:click=move |_| { roll.dispatch(RollSeed { org: org.get_untracked(), preset_id: id }); }>
                {move || if roll.pending().get() { "Rolling…" } else { "Roll a seed" }}
            </button>
            {rights.delete.then(|| view! {
                <button type="button" class="danger" data-testid="preset-delete" on:click=move |_| {
                    if confirm("Delete this preset and its history?") {
                        delete.dispatch(DeletePreset { org: org.get_untracked(), id });
                    }
                }>"Delete"</button>
            })}
        </div>
        {move || roll.value().get().map(|r| match r {
            Ok(seed) => view! { <RollResult roll=seed/> }.into_any(),
            Err(e) => view! { <p class="error" data-testid="roll-error">{message(&e)}</p> }.into_any(),
        })}
        {move || delete.value().get().and_then(Result::err).map(|e| view! { <p class="error">{message(&e)}</p> })}
        {if rights.update {
            view! {
                <form on:submit=submit class="preset-form">
                    <label class="field">"Description" <input bind:value=description/></label>
                    <label class="check"><input type="checkbox" bind:checked=is_public/>" Public"</label>
                    <label class="check"><input type="checkbox" bind:checked=hide_rolled/>" Hide what a mystery rolls"</label>
                    <YamlEditor randomizer yaml/>
                    <button type="submit" data-testid="preset-save">"Save"</button>
                    {move || save.value().get().map(|r| match r {
                        Ok(n) => view! { <p class="ok" data-testid="preset-saved">{format!("Saved as revision {n}.")}</p> }.into_any(),
                        Err(e) => view! { <p class="error" data-testid="preset-error">{message(&e)}</p> }.into_any(),
                    })}
                </form>
            }.into_any()
        } else {
            view! { <pre class="yaml" data-testid="preset-yaml-view">{preset.yaml.clone()}</pre> }.into_any()
        }}
    }
}

fn confirm(question: &str) -> bool {
    #[cfg(feature = "hydrate")]
    {
        leptos::prelude::window()
            .confirm_with_message(question)
            .unwrap_or(false)
    }
    #[cfg(not(feature = "hydrate"))]
    {
        let _ = question;
        false
    }
}

/// `text` with every byte but the URL-safe ones written as `%XX`.
fn percent_encoded(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_download_link_carries_the_text_safely() {
        assert_eq!(
            super::percent_encoded("a: b\n# é"),
            "a%3A%20b%0A%23%20%C3%A9"
        );
    }
}

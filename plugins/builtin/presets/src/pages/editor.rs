use leptos::prelude::*;
use leptos_router::hooks::use_navigate;
use sahabot_sdk::pages::{field_error, message, org_slug};

use super::yaml_editor::YamlEditor;
use crate::server_fns::browse::presets_home;
use crate::server_fns::presets::CreatePreset;

/// A new preset: its namespace, randomizer, name and settings.
#[component]
pub fn NewPresetPage() -> impl IntoView {
    let org = org_slug();
    let home = Resource::new(move || org.get(), presets_home);
    view! {
        <section class="plugin-page" data-testid="new-preset">
            <h2>"New preset"</h2>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match home.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(home) if home.personal.is_none() => view! { <p class="error">"Sign in to write presets."</p> }.into_any(),
                        Ok(home) => view! { <NewPresetForm home/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn NewPresetForm(home: crate::server_fns::browse::HomeData) -> impl IntoView {
    let org = org_slug();
    let create = ServerAction::<CreatePreset>::new();
    let writable: Vec<String> = home
        .namespaces
        .iter()
        .filter(|n| n.rights.create)
        .map(|n| n.slug.clone())
        .collect();
    let namespace = RwSignal::new(home.personal.clone().unwrap_or_default());
    let first = home.randomizers.first().cloned();
    let randomizer = RwSignal::new(first.as_ref().map(|r| r.id.clone()).unwrap_or_default());
    let yaml = RwSignal::new(first.map(|r| r.example).unwrap_or_default());
    let name = RwSignal::new(String::new());
    let description = RwSignal::new(String::new());
    let is_public = RwSignal::new(true);
    let hide_rolled = RwSignal::new(false);
    let examples: Vec<(String, String)> = home
        .randomizers
        .iter()
        .map(|r| (r.id.clone(), r.example.clone()))
        .collect();
    let navigate = use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(id)) = create.value().get() {
            navigate(
                &format!("/org/{}/presets/p/{id}", org.get_untracked()),
                Default::default(),
            );
        }
    });
    let error = move || create.value().get().and_then(Result::err);
    let refused = move |field: &'static str| {
        move || {
            field_error(error().as_ref(), field)
                .map(|e| view! { <span class="field-error" data-field=field>{e}</span> })
        }
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        create.dispatch(CreatePreset {
            org: org.get_untracked(),
            namespace: namespace.get_untracked(),
            randomizer: randomizer.get_untracked(),
            name: name.get_untracked(),
            description: description.get_untracked(),
            yaml: yaml.get_untracked(),
            is_public: is_public.get_untracked(),
            hide_rolled: hide_rolled.get_untracked(),
        });
    };
    view! {
        <form on:submit=submit class="preset-form">
            <label class="field">"Namespace"
                <select data-testid="preset-namespace" on:change=move |ev| namespace.set(event_target_value(&ev))>
                    {writable.into_iter().map(|slug| {
                        let selected = slug == namespace.get_untracked();
                        view! { <option value=slug.clone() selected=selected>{slug.clone()}</option> }
                    }).collect_view()}
                </select>
            </label>
            <label class="field">"Randomizer"
                <select data-testid="preset-randomizer" on:change=move |ev| {
                    let id = event_target_value(&ev);
                    if let Some((_, example)) = examples.iter().find(|(r, _)| *r == id) {
                        yaml.set(example.clone());
                    }
                    randomizer.set(id);
                }>
                    {home.randomizers.into_iter().map(|r| view! { <option value=r.id>{r.name}</option> }).collect_view()}
                </select>
            </label>
            <label class="field">"Name" <input data-testid="preset-name" bind:value=name placeholder="open" required/></label>
            {refused("name")}
            <label class="field">"Description" <input data-testid="preset-description" bind:value=description/></label>
            {refused("description")}
            <label class="check"><input type="checkbox" bind:checked=is_public/>" Public"</label>
            <label class="check"><input type="checkbox" bind:checked=hide_rolled/>" Hide what a mystery rolls"</label>
            <YamlEditor randomizer=randomizer yaml/>
            {refused("yaml")}
            <button type="submit" data-testid="preset-save">"Save preset"</button>
            {move || error()
                .filter(|e| ["name", "description", "yaml"].iter().all(|f| field_error(Some(e), f).is_none()))
                .map(|e| view! { <p class="error" data-testid="preset-error">{message(&e)}</p> })}
        </form>
    }
}

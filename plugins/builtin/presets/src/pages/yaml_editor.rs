use leptos::prelude::*;
use sahabot_sdk::pages::{message, org_slug, read_picked_file};

use crate::server_fns::presets::check_preset;

/// A preset's YAML with its problems beside it, checked against the randomizer as it is typed
/// (or imported from a file).
#[component]
pub fn YamlEditor(
    #[prop(into)] randomizer: Signal<String>,
    yaml: RwSignal<String>,
    #[prop(optional)] readonly: bool,
) -> impl IntoView {
    let org = org_slug();
    // Checked in the browser only: the editor sits in a loaded view, where a server-rendered
    // resource would not hydrate from the server's answer, and the check serves typing.
    let checked = LocalResource::new(move || {
        let (org, randomizer, yaml) = (org.get(), randomizer.get(), yaml.get());
        async move {
            if randomizer.is_empty() || yaml.trim().is_empty() {
                return Ok(Default::default());
            }
            check_preset(org, randomizer, yaml).await
        }
    });
    let lines = move || yaml.with(|y| y.lines().count().max(1));
    let import_error = RwSignal::new(None::<String>);
    let import = move |ev: leptos::ev::Event| {
        let limit = u32::try_from(crate::model::MAX_YAML_BYTES).unwrap_or(u32::MAX);
        read_picked_file(&ev, limit, move |read| match read {
            Ok(text) => {
                import_error.set(None);
                yaml.set(text);
            }
            Err(why) => import_error.set(Some(why)),
        });
    };
    view! {
        <div class="yaml-editor">
            {(!readonly).then(|| view! {
                <label class="file-import">
                    "Import a YAML file "
                    <input type="file" accept=".yaml,.yml,text/yaml,application/yaml" data-testid="preset-import" on:change=import/>
                </label>
                {move || import_error.get().map(|e| view! { <p class="field-error" data-testid="import-error">{e}</p> })}
            })}
            <textarea
                data-testid="preset-yaml"
                spellcheck="false"
                rows=move || (lines() + 2).clamp(8, 40).to_string()
                prop:value=move || yaml.get()
                on:input=move |ev| yaml.set(event_target_value(&ev))
                readonly=readonly
            ></textarea>
            <Transition fallback=|| ()>
                {move || Suspend::new(async move {
                    match checked.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(check) if check.problems.is_empty() => view! {
                            <p class="ok" data-testid="yaml-ok">
                                {if check.is_mystery { "A mystery preset: its weights are valid." } else { "The settings are valid." }}
                            </p>
                        }.into_any(),
                        Ok(check) => view! {
                            <ul class="problems" data-testid="yaml-problems">
                                {check.problems.into_iter().map(|p| {
                                    let line = p.line.map(|l| l.to_string()).unwrap_or_default();
                                    let place = match (p.line, p.column) {
                                        (Some(l), Some(c)) => format!("Line {l}, column {c}"),
                                        (Some(l), None) => format!("Line {l}"),
                                        _ => "The preset".to_string(),
                                    };
                                    let what = if p.path.is_empty() { p.message } else { format!("{}: {}", p.path, p.message) };
                                    view! {
                                        <li class="field-error" data-testid="yaml-problem" data-line=line>
                                            <strong>{place}</strong> " — " {what}
                                        </li>
                                    }
                                }).collect_view()}
                            </ul>
                        }.into_any(),
                    }
                })}
            </Transition>
        </div>
    }
}

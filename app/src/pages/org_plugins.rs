//! `/org/{org}/admin/plugins`: the plugins this organization can see (public ones, and private
//! ones granted to it), a switch for each with the dependency explanation, and their settings.

use leptos::prelude::*;
use leptos_meta::Title;
use sahabot_core::model::OrgPluginRow;
use sahabot_sdk::pages::org_slug;

use crate::components::config_form::ConfigForm;
use crate::errors::message;
use crate::server_fns::{org_plugins, SaveOrgPluginConfig, SetPluginEnabled};

#[component]
pub fn OrgPluginsPage() -> impl IntoView {
    let slug = org_slug();
    let toggle = ServerAction::<SetPluginEnabled>::new();
    let save = ServerAction::<SaveOrgPluginConfig>::new();
    let editing = RwSignal::new(None::<String>);
    // Reload after a successful save only: a refused one keeps what the person typed.
    let saved = RwSignal::new(0_u32);
    let plugins = Resource::new(
        move || (slug.get(), toggle.version().get(), saved.get()),
        |(org, ..)| org_plugins(org),
    );
    // A saved form closes.
    Effect::new(move |_| {
        if let Some(Ok(())) = save.value().get() {
            editing.set(None);
            saved.update(|n| *n += 1);
        }
    });
    view! {
        <Title text="Plugins"/>
        <section class="org-plugins" data-testid="org-plugins">
            <h2>"Plugins"</h2>
            <p class="hint">"Turn features on or off for this organization. A plugin that others need stays on until they are off."</p>
            {move || toggle.value().get().and_then(Result::err).map(|e| view! {
                <p class="error" data-testid="plugin-toggle-error">{message(&e)}</p>
            })}
            <Suspense fallback=|| view! { <p class="loading">"Loading the plugins…"</p> }>
                {move || Suspend::new(async move {
                    match plugins.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! {
                            <p class="empty">"No plugin is installed for organizations yet."</p>
                        }.into_any(),
                        Ok(list) => view! {
                            <table class="table">
                                <thead><tr><th>"Plugin"</th><th>"Needs"</th><th>"State"</th><th></th></tr></thead>
                                <tbody>
                                    {list.into_iter().map(|p| plugin_row(p, slug, toggle, save, editing)).collect_view()}
                                </tbody>
                            </table>
                        }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

fn plugin_row(
    p: OrgPluginRow,
    slug: Memo<String>,
    toggle: ServerAction<SetPluginEnabled>,
    save: ServerAction<SaveOrgPluginConfig>,
    editing: RwSignal<Option<String>>,
) -> impl IntoView {
    let id = p.id.clone();
    let enabled = p.enabled;
    let can_turn_on = p.blocked.is_none();
    let can_turn_off = p.required_by.is_empty();
    let state = match (&p.failed, enabled) {
        (Some(_), _) => "Out of service",
        (None, true) => "On",
        (None, false) => "Off",
    };
    let explanation = if enabled && !p.required_by.is_empty() {
        Some(format!("Needed by {}", p.required_by.join(", ")))
    } else {
        p.blocked.clone().or_else(|| {
            p.enable_failed
                .as_ref()
                .map(|e| format!("Could not be turned on here: {e}"))
        })
    };
    let switch_id = id.clone();
    let edit_id = id.clone();
    let shown_id = id.clone();
    let form_id = id.clone();
    let has_settings = !p.config_schema.properties.is_empty();
    let (schema, values, inherited) = (p.config_schema, p.config, p.inherited_config);
    view! {
        <tr data-testid="org-plugin" data-plugin=id.clone()>
            <td>
                <strong>{p.name}</strong>
                {p.private.then(|| view! { <span class="badge">"private"</span> })}
                <div class="hint">{p.description}</div>
            </td>
            <td>{if p.requires.is_empty() { "—".to_string() } else { p.requires.join(", ") }}</td>
            <td>
                <span class="state" data-testid="plugin-state">{state}</span>
                {explanation.map(|e| view! { <div class="hint" data-testid="plugin-explanation">{e}</div> })}
            </td>
            <td class="actions">
                <button
                    type="button"
                    data-testid="plugin-switch"
                    disabled=move || toggle.pending().get() || if enabled { !can_turn_off } else { !can_turn_on }
                    on:click=move |_| {
                        toggle.dispatch(SetPluginEnabled { org: slug.get(), plugin: switch_id.clone(), enabled: !enabled });
                    }
                >
                    {if enabled { "Turn off" } else { "Turn on" }}
                </button>
                {has_settings.then(|| view! {
                    <button type="button" data-testid="plugin-settings" on:click=move |_| {
                        let open = editing.get().as_deref() == Some(edit_id.as_str());
                        editing.set(if open { None } else { Some(edit_id.clone()) });
                    }>"Settings"</button>
                })}
            </td>
        </tr>
        <Show when=move || editing.get().as_deref() == Some(shown_id.as_str())>
            {
                let form_id = form_id.clone();
                view! {
                    <tr class="settings-row"><td colspan="4">
                        <ConfigForm
                            schema=schema.clone()
                            values=values.clone()
                            inherited=inherited.clone()
                            error=Signal::derive(move || save.value().get().and_then(Result::err))
                            pending=save.pending()
                            on_save=Callback::new(move |config: String| {
                                save.dispatch(SaveOrgPluginConfig { org: slug.get(), plugin: form_id.clone(), config });
                            })
                        />
                    </td></tr>
                }
            }
        </Show>
    }
}

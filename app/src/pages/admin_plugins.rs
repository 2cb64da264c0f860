//! `/admin/plugins`: every linked plugin — version, type, category, whether it is installed or
//! out of service and why, who uses it — with install/uninstall for external plugins, access
//! grants for private ones and the installation's settings (SUPERADMIN).

use leptos::prelude::*;
use leptos_meta::Title;
use sahabot_core::model::PluginAdminRow;

use crate::components::config_form::ConfigForm;
use crate::errors::{field_error, message};
use crate::server_fns::{
    platform_plugins, SaveInstallationConfig, SetPluginAccess, SetPluginInstalled,
};

#[derive(Clone, Copy)]
struct Actions {
    install: ServerAction<SetPluginInstalled>,
    access: ServerAction<SetPluginAccess>,
    config: ServerAction<SaveInstallationConfig>,
    editing: RwSignal<Option<String>>,
}

#[component]
pub fn AdminPluginsPage() -> impl IntoView {
    let actions = Actions {
        install: ServerAction::new(),
        access: ServerAction::new(),
        config: ServerAction::new(),
        editing: RwSignal::new(None),
    };
    // Reload after a successful settings save only: a refused one keeps what was typed.
    let saved = RwSignal::new(0_u32);
    let plugins = Resource::new(
        // Granting access changes nothing this table shows, and reloading it would empty the
        // organization field being typed in.
        move || (actions.install.version().get(), saved.get()),
        |_| platform_plugins(),
    );
    Effect::new(move |_| {
        if let Some(Ok(())) = actions.config.value().get() {
            actions.editing.set(None);
            saved.update(|n| *n += 1);
        }
    });
    view! {
        <Title text="Plugins"/>
        <h1>"Plugins"</h1>
        {move || actions.install.value().get().and_then(Result::err).map(|e| view! {
            <p class="error" data-testid="install-error">{message(&e)}</p>
        })}
        <Transition fallback=|| view! { <p class="loading">"Loading the plugins…"</p> }>
            {move || Suspend::new(async move {
                match plugins.await {
                    Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                    Ok(list) => view! {
                        <table class="table" data-testid="platform-plugins">
                            <thead><tr>
                                <th>"Plugin"</th><th>"Version"</th><th>"Type"</th><th>"Category"</th>
                                <th>"State"</th><th>"Used by"</th><th></th>
                            </tr></thead>
                            <tbody>{list.into_iter().map(|p| row(p, actions)).collect_view()}</tbody>
                        </table>
                    }.into_any(),
                }
            })}
        </Transition>
    }
}

fn row(p: PluginAdminRow, actions: Actions) -> impl IntoView {
    let id = p.id.clone();
    let state = match (&p.failed, p.installed) {
        (Some(e), _) => format!("failed: {e}"),
        (None, true) => "installed".to_string(),
        (None, false) => "not installed".to_string(),
    };
    let used_by = if p.global {
        "every organization (global)".to_string()
    } else if p.used_by.is_empty() {
        "—".to_string()
    } else {
        p.used_by.join(", ")
    };
    let external = p.kind == "external";
    let installed = p.installed;
    let (install_id, edit_id, shown_id, form_id, access_id) =
        (id.clone(), id.clone(), id.clone(), id.clone(), id.clone());
    let has_settings = !p.config_schema.properties.is_empty();
    let (schema, values) = (p.config_schema, p.config);
    let defaults = schema.defaults();
    view! {
        <tr data-testid="platform-plugin" data-plugin=id.clone()>
            <td>
                <strong>{p.name}</strong>
                {p.private.then(|| view! { <span class="badge">"private"</span> })}
                <div class="hint">{p.description}</div>
                {(!p.requires.is_empty()).then(|| view! { <div class="hint">"Requires " {p.requires.join(", ")}</div> })}
            </td>
            <td>{p.version}</td>
            <td>{p.kind}</td>
            <td>{p.category}</td>
            <td data-testid="platform-plugin-state">{state}</td>
            <td>{used_by}</td>
            <td class="actions">
                {external.then(|| view! {
                    <button type="button" data-testid="plugin-install"
                        disabled=move || actions.install.pending().get()
                        on:click=move |_| {
                            actions.install.dispatch(SetPluginInstalled { plugin: install_id.clone(), installed: !installed });
                        }
                    >{if installed { "Uninstall" } else { "Install" }}</button>
                })}
                {has_settings.then(|| view! {
                    <button type="button" data-testid="plugin-settings" on:click=move |_| {
                        let open = actions.editing.get().as_deref() == Some(edit_id.as_str());
                        actions.editing.set(if open { None } else { Some(edit_id.clone()) });
                    }>"Settings"</button>
                })}
            </td>
        </tr>
        {p.private.then(|| access_row(access_id, actions))}
        <Show when=move || actions.editing.get().as_deref() == Some(shown_id.as_str())>
            {
                let form_id = form_id.clone();
                view! {
                    <tr class="settings-row"><td colspan="7">
                        <ConfigForm
                            schema=schema.clone()
                            values=values.clone()
                            inherited=defaults.clone()
                            error=Signal::derive(move || actions.config.value().get().and_then(Result::err))
                            pending=actions.config.pending()
                            on_save=Callback::new(move |config: String| {
                                actions.config.dispatch(SaveInstallationConfig { plugin: form_id.clone(), config });
                            })
                        />
                    </td></tr>
                }
            }
        </Show>
    }
}

/// Grant or revoke an organization's access to a private plugin.
fn access_row(plugin: String, actions: Actions) -> impl IntoView {
    let organization = RwSignal::new(String::new());
    let error = move || actions.access.value().get().and_then(Result::err);
    let send = move |granted: bool| {
        actions.access.dispatch(SetPluginAccess {
            plugin: plugin.clone(),
            organization: organization.get(),
            granted,
        });
    };
    let send_revoke = send.clone();
    view! {
        <tr class="access-row"><td colspan="7">
            <label class="inline">
                "Organization (address) "
                <input data-testid="access-org" placeholder="alttpr"
                    prop:value=move || organization.get()
                    on:input=move |ev| organization.set(event_target_value(&ev))/>
            </label>
            <button type="button" data-testid="access-grant" on:click=move |_| send(true)>"Grant access"</button>
            <button type="button" data-testid="access-revoke" on:click=move |_| send_revoke(false)>"Revoke access"</button>
            {move || field_error(error().as_ref(), "organization").map(|e| view! { <span class="field-error">{e}</span> })}
            {move || error().filter(|e| field_error(Some(e), "organization").is_none()).map(|e| view! { <p class="error">{message(&e)}</p> })}
            {move || actions.access.value().get().and_then(Result::ok).map(|_| view! { <span class="ok">"Saved."</span> })}
        </td></tr>
    }
}

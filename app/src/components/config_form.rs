use leptos::prelude::*;
use sahabot_core::config_schema::{ConfigSchema, Property, CONCEALED};
use serde_json::{Map, Value};

use crate::errors::{field_error, message};

/// A form generated from a plugin's `config_schema`. Each field starts with the value set at
/// this level; an empty field (or "Inherit") falls back to the level below, shown as its hint.
/// The server validates; its complaint about a field shows next to that field. A secret (an API
/// key) is never sent to the browser: its field says whether one is set, and is left as it is
/// unless a new one is typed or "Remove" is ticked.
#[component]
pub fn ConfigForm(
    schema: ConfigSchema,
    /// The values set at this level.
    values: Map<String, Value>,
    /// What applies when a field is left empty.
    inherited: Map<String, Value>,
    #[prop(into)] error: Signal<Option<ServerFnError>>,
    #[prop(into)] pending: Signal<bool>,
    /// Receives the form's values as a JSON object.
    on_save: Callback<String>,
) -> impl IntoView {
    if schema.properties.is_empty() {
        return view! { <p class="hint">"This plugin has no settings."</p> }.into_any();
    }
    let secrets = schema.secret.clone();
    let fields: Vec<(String, Property, RwSignal<String>)> = schema
        .properties
        .into_iter()
        .map(|(name, property)| {
            let text = match secrets.contains(&name) {
                true => String::new(),
                false => values.get(&name).map(as_text).unwrap_or_default(),
            };
            (name, property, RwSignal::new(text))
        })
        .collect();
    let cleared: Vec<(String, RwSignal<bool>)> = secrets
        .iter()
        .map(|name| (name.clone(), RwSignal::new(false)))
        .collect();
    let collected = fields.clone();
    let cleared_on_submit = cleared.clone();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let mut object = Map::new();
        for (name, property, text) in &collected {
            let clear = cleared_on_submit
                .iter()
                .find(|(secret, _)| secret == name)
                .map(|(_, clear)| clear.get());
            let value = match clear {
                Some(true) => Value::Null,
                // A secret left empty is kept as it is: the server fills it in.
                Some(false) if text.get().trim().is_empty() => continue,
                _ => to_json(property, &text.get()),
            };
            object.insert(name.clone(), value);
        }
        on_save.run(Value::Object(object).to_string());
    };
    let names: Vec<String> = fields.iter().map(|(n, ..)| n.clone()).collect();
    view! {
        <form class="config-form" on:submit=submit>
            {fields.into_iter().map(|(name, property, text)| {
                let label = property.title().unwrap_or(&name).to_owned();
                let hint = property.description().map(str::to_owned);
                let fallback = inherited.get(&name).map(as_text).unwrap_or_default();
                let input = match cleared.iter().find(|(secret, _)| *secret == name) {
                    Some((_, clear)) => {
                        let set_here = values.get(&name).and_then(Value::as_str) == Some(CONCEALED);
                        secret_input(&name, text, *clear, set_here, !fallback.is_empty())
                    }
                    None => field_input(&name, &property, text, &fallback),
                };
                let field = name.clone();
                view! {
                    <label class="field">
                        <span class="label">{label}</span>
                        {input}
                        {hint.map(|h| view! { <span class="hint">{h}</span> })}
                        {move || field_error(error.get().as_ref(), &field)
                            .map(|e| view! { <span class="field-error" data-field=field.clone()>{e}</span> })}
                    </label>
                }
            }).collect_view()}
            {move || error.get()
                .filter(|e| names.iter().all(|n| field_error(Some(e), n).is_none()))
                .map(|e| view! { <p class="error">{message(&e)}</p> })}
            <button type="submit" disabled=move || pending.get()>"Save settings"</button>
        </form>
    }
    .into_any()
}

fn field_input(name: &str, property: &Property, text: RwSignal<String>, fallback: &str) -> AnyView {
    let testid = format!("config-{name}");
    match property {
        Property::Boolean { .. } => view! {
            <select
                data-testid=testid
                prop:value=move || text.get()
                on:change=move |ev| text.set(event_target_value(&ev))
            >
                <option value="">{format!("Inherit ({})", if fallback == "true" { "on" } else { "off" })}</option>
                <option value="true">"On"</option>
                <option value="false">"Off"</option>
            </select>
        }
        .into_any(),
        Property::String { choices: Some(choices), .. } => {
            let choices = choices.clone();
            view! {
                <select
                    data-testid=testid
                    prop:value=move || text.get()
                    on:change=move |ev| text.set(event_target_value(&ev))
                >
                    <option value="">{format!("Inherit ({fallback})")}</option>
                    {choices.into_iter().map(|c| view! { <option value=c.clone()>{c.clone()}</option> }).collect_view()}
                </select>
            }
            .into_any()
        }
        _ => view! {
            <input
                data-testid=testid
                placeholder=fallback.to_owned()
                prop:value=move || text.get()
                on:input=move |ev| text.set(event_target_value(&ev))
            />
        }
        .into_any(),
    }
}

fn secret_input(
    name: &str,
    text: RwSignal<String>,
    clear: RwSignal<bool>,
    set_here: bool,
    set_below: bool,
) -> AnyView {
    let placeholder = match (set_here, set_below) {
        (true, _) => "Set: type a new one to replace it",
        (false, true) => "Set for the whole installation: type one to use your own",
        (false, false) => "Not set",
    };
    view! {
        <input
            type="password"
            autocomplete="off"
            data-testid=format!("config-{name}")
            placeholder=placeholder
            prop:value=move || text.get()
            on:input=move |ev| text.set(event_target_value(&ev))
        />
        {set_here.then(|| view! {
            <span class="inline-check">
                <input
                    type="checkbox"
                    data-testid=format!("config-{name}-remove")
                    prop:checked=move || clear.get()
                    on:change=move |ev| clear.set(event_target_checked(&ev))
                />
                " Remove it"
            </span>
        })}
    }
    .into_any()
}

fn as_text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A field's text as the JSON value the server checks; empty means "inherit" (null). Text that
/// does not parse is sent as text, so the server names the field and the reason.
fn to_json(property: &Property, text: &str) -> Value {
    let text = text.trim();
    if text.is_empty() {
        return Value::Null;
    }
    match property {
        Property::Boolean { .. } => match text {
            "true" => Value::Bool(true),
            "false" => Value::Bool(false),
            other => Value::from(other),
        },
        Property::Integer { .. } => text
            .parse::<i64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(text)),
        Property::Number { .. } => text
            .parse::<f64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(text)),
        Property::String { .. } => Value::from(text),
    }
}

//! Pieces several pages show: a rolled seed and a preset table.

use leptos::prelude::*;
use sahabot_sdk::pages::{copy_text, format_instant};

use crate::model::{PresetRow, RollView};

/// A seed's hash as the game shows it: one tile per icon or word.
#[component]
pub fn Hash(hash: Vec<String>) -> impl IntoView {
    view! {
        <span class="seed-hash" data-testid="seed-hash" aria-label="Hash">
            {hash.into_iter().map(|icon| {
                let title = icon.clone();
                view! { <span class="hash-icon" data-testid="hash-icon" title=title>{icon}</span> }
            }).collect_view()}
        </span>
    }
}

/// A roll's result: the permalink and hash, or why it failed.
#[component]
pub fn RollResult(roll: RollView) -> impl IntoView {
    let attempts = roll.attempts;
    match roll.permalink {
        Some(link) => {
            let (href, text) = (link.clone(), link.clone());
            view! {
            <div class="roll-result" data-testid="roll-result">
                <p>
                    <a href=href rel="noopener" data-testid="seed-permalink">{text}</a>
                    " "
                    <button type="button" class="secondary" data-testid="copy-link" on:click=move |_| copy_text(&link)>"Copy link"</button>
                </p>
                <Hash hash=roll.hash/>
                {roll.version.map(|v| view! { <p class="hint">"Generator version " {v}</p> })}
                {roll.spoiler.map(|s| view! { <p><a href=s rel="noopener">"Spoiler log"</a></p> })}
                {roll.rolled.map(|r| view! {
                    <details><summary>"What the mystery rolled"</summary><pre data-testid="rolled-settings">{r}</pre></details>
                })}
            </div>
        }
        .into_any()
        }
        None => view! {
            <p class="error" data-testid="roll-error">
                {roll.error.unwrap_or_else(|| "the roll failed".into())}
                {format!(" ({attempts} attempt{})", if attempts == 1 { "" } else { "s" })}
            </p>
        }
        .into_any(),
    }
}

/// A table of presets, each linked to its page.
#[component]
pub fn PresetTable(org: String, rows: Vec<PresetRow>) -> impl IntoView {
    view! {
        <table class="table" data-testid="preset-table">
            <thead><tr><th>"Preset"</th><th>"Namespace"</th><th>"Randomizer"</th><th>"Description"</th><th>"Updated"</th></tr></thead>
            <tbody>
                {rows.into_iter().map(|p| {
                    let href = format!("/org/{org}/presets/p/{}", p.id);
                    let ns_href = format!("/org/{org}/presets/ns/{}", p.namespace);
                    view! {
                        <tr data-testid="preset-row">
                            <td>
                                <a href=href>{p.name}</a>
                                {p.is_mystery.then(|| view! { " " <span class="badge">"mystery"</span> })}
                                {(!p.is_public).then(|| view! { " " <span class="badge">"private"</span> })}
                            </td>
                            <td><a href=ns_href>{p.namespace}</a></td>
                            <td>{p.randomizer}</td>
                            <td>{p.description}</td>
                            <td>{format_instant(p.updated_at)}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

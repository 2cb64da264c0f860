use leptos::prelude::*;
use sahabot_sdk::pages::{format_instant, message};

use crate::model::BotOverview;
use crate::server_fns::{bot_overview_data, ResyncGuild};

/// The platform's view of the bot: its connection and every guild's last command sync, with a
/// re-sync button per guild.
#[component]
pub fn BotStatusPage() -> impl IntoView {
    let resync = ServerAction::<ResyncGuild>::new();
    let data = Resource::new(move || resync.version().get(), |_| bot_overview_data());
    let failure = move || {
        resync
            .value()
            .get()
            .and_then(Result::err)
            .map(|e| message(&e))
    };
    view! {
        <section class="plugin-page" data-testid="bot-status">
            <h1>"Discord bot"</h1>
            {move || failure().map(|e| view! { <p class="error" data-testid="resync-error">{e}</p> })}
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(overview) => view! { <Overview overview resync/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn Overview(overview: BotOverview, resync: ServerAction<ResyncGuild>) -> impl IntoView {
    let BotOverview { status: bot, rows } = overview;
    let state = if !bot.configured {
        "Not configured: set DISCORD_BOT_TOKEN (gateway and command registration) and DISCORD_PUBLIC_KEY (interactions endpoint).".to_string()
    } else if bot.connected {
        format!(
            "Connected to the gateway · {} server{} · latency {}",
            bot.guilds,
            if bot.guilds == 1 { "" } else { "s" },
            bot.latency_ms
                .map_or("not measured yet".into(), |ms| format!("{ms} ms"))
        )
    } else if bot.gateway {
        "Not connected to the gateway (reconnecting).".to_string()
    } else {
        "No gateway connection (interactions arrive through the HTTP endpoint).".to_string()
    };
    let ways = [
        (bot.gateway, "gateway"),
        (
            bot.interactions_endpoint,
            "interactions endpoint /discord/interactions",
        ),
    ]
    .into_iter()
    .filter_map(|(on, name)| on.then_some(name))
    .collect::<Vec<_>>()
    .join(" and ");
    view! {
        <p data-testid="bot-state">{state}</p>
        {(!ways.is_empty()).then(|| view! { <p class="hint">{format!("Interactions arrive through the {ways}.")}</p> })}
        {bot.last_error.map(|e| view! { <p class="error" data-testid="bot-error">{format!("Last error: {e}")}</p> })}
        <h2>"Servers"</h2>
        {if rows.is_empty() {
            view! { <p class="empty">"No organization has linked a Discord server yet."</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <thead><tr><th>"Server"</th><th>"Organization"</th><th>"Commands"</th><th>"Last sync"</th><th></th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|row| {
                            let guild = row.guild_id.clone();
                            let key = row.guild_id.clone();
                            let (commands, when, error) = match row.sync {
                                Some(s) => (s.commands.iter().map(|c| format!("/{c}")).collect::<Vec<_>>().join(" "), format_instant(s.synced_at), s.error),
                                None => (String::new(), "never".to_string(), None),
                            };
                            view! {
                                <tr data-testid="guild-row" data-guild=key>
                                    <td><code>{row.guild_id}</code></td>
                                    <td>{row.organization.unwrap_or_else(|| "none (commands cleared)".into())}</td>
                                    <td>{commands}</td>
                                    <td>{when}{error.map(|e| view! { <span class="error">{format!(" — failed: {e}")}</span> })}</td>
                                    <td><button type="button" on:click=move |_| {
                                        resync.dispatch(ResyncGuild { guild_id: guild.clone() });
                                    }>"Re-sync"</button></td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

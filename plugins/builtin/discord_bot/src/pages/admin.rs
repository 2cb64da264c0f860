use leptos::prelude::*;
use leptos_router::hooks::use_query_map;
use sahabot_sdk::pages::{format_instant, message, org_slug};

use crate::model::GuildAdmin;
use crate::server_fns::{guild_admin_data, ResyncOrgGuild, UnlinkOrgGuild};

/// The organization's Discord administration: link its server through the bot invite, see
/// the commands the server has and those it should have, re-sync or unlink.
#[component]
pub fn DiscordAdminPage() -> impl IntoView {
    let org = org_slug();
    let resync = ServerAction::<ResyncOrgGuild>::new();
    let unlink = ServerAction::<UnlinkOrgGuild>::new();
    let data = Resource::new(
        move || (org.get(), resync.version().get(), unlink.version().get()),
        |(org, ..)| guild_admin_data(org),
    );
    let query = use_query_map();
    let linked = move || query.read().get("linked");
    let link_error = move || query.read().get("link_error");
    let failure = move || {
        resync
            .value()
            .get()
            .and_then(Result::err)
            .or_else(|| unlink.value().get().and_then(Result::err))
            .map(|e| message(&e))
    };
    view! {
        <section class="plugin-page" data-testid="discord-admin">
            <h2>"Discord server"</h2>
            {move || linked().map(|id| view! {
                <p class="notice" data-testid="link-done">{format!("Linked the Discord server {id}; its commands were registered.")}</p>
            })}
            {move || link_error().map(|e| view! { <p class="error" data-testid="link-error">{e}</p> })}
            {move || failure().map(|e| view! { <p class="error" data-testid="discord-action-error">{e}</p> })}
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(admin) => view! { <GuildPanel admin resync unlink/> }.into_any(),
                    }
                })}
            </Suspense>
        </section>
    }
}

#[component]
fn GuildPanel(
    admin: GuildAdmin,
    resync: ServerAction<ResyncOrgGuild>,
    unlink: ServerAction<UnlinkOrgGuild>,
) -> impl IntoView {
    let org = org_slug();
    let out_of_date = admin.out_of_date();
    let link_href = move || format!("/discord/link?org={}", org.get());
    let got: Vec<String> = admin
        .synced
        .as_ref()
        .map(|s| s.commands.clone())
        .unwrap_or_default();
    let server = match (&admin.guild_id, &admin.linked) {
        (Some(id), Some((at, by))) => format!("Server {id}, linked by {by} on {}.", format_instant(*at)),
        (Some(id), None) => format!("Server {id}."),
        (None, _) => "No Discord server is linked. Linking adds the bot to a server you administer and gives it this organization's commands.".into(),
    };
    let is_linked = admin.guild_id.is_some();
    view! {
        <p data-testid="discord-guild">{server}</p>
        <div class="actions">
            <a class="button" href=link_href rel="external" data-testid="link-guild">
                {if is_linked { "Link another Discord server" } else { "Link a Discord server" }}
            </a>
            {is_linked.then(|| view! {
                <button type="button" data-testid="resync-guild" on:click=move |_| {
                    resync.dispatch(ResyncOrgGuild { org: org.get() });
                }>"Re-sync commands"</button>
                <button type="button" class="danger" data-testid="unlink-guild" on:click=move |_| {
                    unlink.dispatch(UnlinkOrgGuild { org: org.get() });
                }>"Unlink"</button>
            })}
        </div>
        {admin.synced.clone().map(|sync| view! {
            <p class="hint" data-testid="last-sync">
                {format!("Last sync {}", format_instant(sync.synced_at))}
                {sync.error.map(|e| view! { <span class="error" data-testid="sync-error">{format!(" — failed: {e}")}</span> })}
            </p>
        })}
        {(is_linked && out_of_date).then(|| view! {
            <p class="notice" data-testid="out-of-date">"The server's commands differ from what this organization's plugins offer; re-sync to fix."</p>
        })}
        <h3>"Commands"</h3>
        {if admin.expected.is_empty() {
            view! { <p class="empty">"None of this organization's plugins offers a command."</p> }.into_any()
        } else {
            view! {
                <table class="table">
                    <thead><tr><th>"Command"</th><th>"What it does"</th><th>"Plugin"</th><th>"In the server"</th></tr></thead>
                    <tbody>
                        {admin.expected.into_iter().map(|c| {
                            let present = got.contains(&c.name);
                            let name = c.name.clone();
                            view! {
                                <tr data-testid="guild-command" data-command=name>
                                    <td><code>"/"{c.name}</code></td>
                                    <td>{c.description}</td>
                                    <td>{c.plugin}</td>
                                    <td>{if present { "yes" } else { "not yet" }}</td>
                                </tr>
                            }
                        }).collect_view()}
                    </tbody>
                </table>
            }.into_any()
        }}
    }
}

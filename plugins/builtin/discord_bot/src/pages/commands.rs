use leptos::prelude::*;
use sahabot_sdk::pages::org_slug;

use crate::server_fns::list_guild_commands;

/// The organization's Discord server and the slash commands its members can use there.
#[component]
pub fn CommandsPage() -> impl IntoView {
    let org = org_slug();
    let data = Resource::new(move || org.get(), list_guild_commands);
    view! {
        <section class="plugin-page" data-testid="discord-commands">
            <h2>"Discord"</h2>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                        Ok(info) => {
                            let server = match info.guild_id {
                                Some(id) => format!("Linked Discord server: {id}"),
                                None => "No Discord server is linked yet; an organization admin links it from the organization's administration (Discord).".to_string(),
                            };
                            let empty = info.commands.is_empty();
                            view! {
                                <p class="hint" data-testid="discord-guild">{server}</p>
                                <h3>"Slash commands"</h3>
                                {if empty {
                                    view! { <p class="empty">"None of this organization's plugins offers a command."</p> }.into_any()
                                } else {
                                    view! {
                                        <table class="table">
                                            <thead><tr><th>"Command"</th><th>"What it does"</th><th>"Plugin"</th></tr></thead>
                                            <tbody>
                                                {info.commands.into_iter().map(|c| view! {
                                                    <tr data-testid="discord-command">
                                                        <td><code>"/"{c.name}</code></td>
                                                        <td>{c.description}</td>
                                                        <td>{c.plugin}</td>
                                                    </tr>
                                                }).collect_view()}
                                            </tbody>
                                        </table>
                                    }.into_any()
                                }}
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

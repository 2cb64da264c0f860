//! The organization's stream channels, for those who manage tournaments.

use leptos::prelude::*;
use sahabot_sdk::pages::{field_error, field_problem, message, org_slug};

use crate::server_fns::channels::{list_channels, DeleteChannel, SaveChannel};

#[component]
pub fn ChannelsPage() -> impl IntoView {
    let org = org_slug();
    let save = ServerAction::<SaveChannel>::new();
    let delete = ServerAction::<DeleteChannel>::new();
    let data = Resource::new(
        move || (org.get(), save.version().get(), delete.version().get()),
        |(org, ..)| list_channels(org),
    );
    let name = RwSignal::new(String::new());
    let url = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        save.dispatch(SaveChannel {
            org: org.get_untracked(),
            id: None,
            name: name.get_untracked(),
            url: url.get_untracked(),
        });
    };
    let error = move |field: &'static str| field_problem(save, field);
    view! {
        <section class="plugin-page" data-testid="stream-channels">
            <h2>"Stream channels"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading the channels…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(list) if list.is_empty() => view! { <p class="empty">"No channel yet."</p> }.into_any(),
                        Ok(list) => {
                            let rows = list.into_iter().map(|c| {
                                let id = c.id;
                                view! {
                                    <tr data-testid="channel-row">
                                        <td>{c.name.clone()}</td>
                                        <td><a href=c.url.clone() rel="noopener" target="_blank">{c.url.clone()}</a></td>
                                        <td><button type="button" class="secondary" on:click=move |_| {
                                            delete.dispatch(DeleteChannel { org: org.get_untracked(), id });
                                        }>"Delete"</button></td>
                                    </tr>
                                }
                            }).collect::<Vec<_>>();
                            view! {
                                <table class="table">
                                    <thead><tr><th>"Name"</th><th>"Address"</th><th></th></tr></thead>
                                    <tbody>{rows}</tbody>
                                </table>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
            <form class="card" on:submit=submit>
                <h3>"Add a channel"</h3>
                <label class="field">"Name" <input bind:value=name data-testid="channel-name"/>{error("name")}</label>
                <label class="field">"Address" <input bind:value=url placeholder="https://twitch.tv/…" data-testid="channel-url"/>{error("url")}</label>
                <button type="submit">"Add"</button>
                <p class="error">{move || save.value().get().and_then(Result::err)
                    .filter(|e| field_error(Some(e), "name").is_none() && field_error(Some(e), "url").is_none())
                    .map(|e| message(&e))}</p>
            </form>
        </section>
    }
}

//! A qualifier's organizer page: its settings.

use leptos::prelude::*;
use sahabot_sdk::pages::{id_param, message, org_slug};

use super::parts::qualifier_href;
use super::settings::QualifierSettings;
use crate::server_fns::qualifiers::{qualifier_page, SaveQualifier};

#[component]
pub fn ManagePage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let save = ServerAction::<SaveQualifier>::new();
    // Read once: saving keeps what was typed.
    let data = Resource::new(
        move || (org.get(), id.get()),
        |(org, id)| qualifier_page(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="manage-qualifier">
            <Transition fallback=|| view! { <p class="loading">"Loading the qualifier…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! {
                            <h2>"Manage " <a href=qualifier_href(&org.get_untracked(), page.qualifier.id)>{page.qualifier.name.clone()}</a></h2>
                            <p class="hint">
                                <a href=format!("/org/{}/async_qualifier/q/{}/pools", org.get_untracked(), page.qualifier.id)>"Pools and permalinks"</a>
                            </p>
                            <p class="hint" data-testid="discord-channel">{discord_line(page.qualifier.discord_channel_id.as_deref())}</p>
                            <div class="card"><QualifierSettings save current=Some(page.qualifier)/></div>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Where racers start runs in Discord, or how to set it up.
fn discord_line(channel: Option<&str>) -> String {
    match channel {
        Some(channel) => format!(
            "In Discord: the start button is in channel {channel}; runs open private threads \
             there. Run /async post in another channel to move it."
        ),
        None => "Not in Discord yet: run /async post in the channel where racers should start \
                 their runs."
            .into(),
    }
}

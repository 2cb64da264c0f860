use leptos::prelude::*;
use sahabot_sdk::pages::org_slug;

use crate::server_fns::load_room_settings;

/// How the organization's race rooms are opened.
#[component]
pub fn RoomSettingsPage() -> impl IntoView {
    let org = org_slug();
    let settings = Resource::new(move || org.get(), load_room_settings);
    view! {
        <section class="plugin-page" data-testid="racetime-settings">
            <h2>"Race rooms on racetime.gg"</h2>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match settings.await {
                        Err(e) => view! { <p class="error">{e.to_string()}</p> }.into_any(),
                        Ok(s) => {
                            let category = if s.category.is_empty() {
                                "not chosen yet".to_string()
                            } else {
                                s.category.clone()
                            };
                            let opening = if s.auto_open_rooms {
                                format!("automatically, {} minutes before each match", s.open_minutes_before)
                            } else {
                                "by hand".to_string()
                            };
                            view! {
                                <dl class="facts">
                                    <dt>"Category"</dt><dd data-testid="racetime-category">{category}</dd>
                                    <dt>"Goal"</dt><dd data-testid="racetime-goal">{s.goal}</dd>
                                    <dt>"Rooms open"</dt><dd data-testid="racetime-opening">{opening}</dd>
                                </dl>
                                <p class="hint">"Administrators change these under Administration → Plugins."</p>
                            }.into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

//! One racer's runs of a qualifier, with their times and scores as the viewer may see them.

use leptos::prelude::*;
use sahabot_sdk::pages::{id_param, message, org_slug};

use super::parts::{qualifier_href, RunTable};
use crate::server_fns::runs::racer_page;

#[component]
pub fn RacerPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let user = id_param("user");
    let data = Resource::new(
        move || (org.get(), id.get(), user.get()),
        |(org, id, user)| racer_page(org, id, user),
    );
    view! {
        <section class="plugin-page" data-testid="racer">
            <Transition fallback=|| view! { <p class="loading">"Loading the runs…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! {
                            <h2>
                                {format!("{} in ", page.display_name)}
                                <a href=qualifier_href(&org.get_untracked(), id.get_untracked())>{page.qualifier}</a>
                            </h2>
                            <RunTable org=org.get_untracked() rows=page.runs/>
                        }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

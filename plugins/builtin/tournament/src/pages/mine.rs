//! The signed-in member's matches and crew signups, in every tournament of the organization.

use leptos::prelude::*;
use sahabot_sdk::pages::{message, org_slug};

use super::parts::MatchTable;
use crate::server_fns::matches::my_matches;

#[component]
pub fn MyMatchesPage() -> impl IntoView {
    let org = org_slug();
    let data = Resource::new(move || org.get(), my_matches);
    view! {
        <section class="plugin-page" data-testid="my-matches">
            <h2>"My matches"</h2>
            <Suspense fallback=|| view! { <p class="loading">"Loading your matches…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(mine) => {
                            let org = org.get_untracked();
                            let feed = mine.user_id.map(|me| {
                                format!("/api/plugins/tournament/organizations/{org}/players/{me}/calendar.ics")
                            });
                            let playing = if mine.playing.is_empty() {
                                view! { <p class="empty" data-testid="no-matches">"You play in no match yet."</p> }.into_any()
                            } else {
                                view! { <MatchTable org=org.clone() rows=mine.playing tournaments=mine.tournaments.clone()/> }.into_any()
                            };
                            let crewing = if mine.crewing.is_empty() {
                                view! { <p class="empty">"You have not signed up to crew a match."</p> }.into_any()
                            } else {
                                view! { <MatchTable org=org.clone() rows=mine.crewing tournaments=mine.tournaments/> }.into_any()
                            };
                            view! {
                                {feed.map(|href| view! { <p class="hint"><a href=href>"Subscribe to your matches (iCal)"</a></p> })}
                                {playing}
                                <h3>"My crew signups"</h3>
                                <div data-testid="my-crew">{crewing}</div>
                            }
                            .into_any()
                        }
                    }
                })}
            </Suspense>
        </section>
    }
}

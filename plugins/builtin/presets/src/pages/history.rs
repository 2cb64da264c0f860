use leptos::prelude::*;
use sahabot_sdk::pages::{format_instant, message, org_slug, Pager};

use super::parts::Hash;
use crate::server_fns::rolls::seed_history;

/// The organization's rolls, newest first: who, where from, which preset, and the seed or
/// the error.
#[component]
pub fn HistoryPage() -> impl IntoView {
    let org = org_slug();
    let (page, set_page) = signal(1_i64);
    let history = Resource::new(
        move || (org.get(), page.get()),
        |(org, page)| seed_history(org, page),
    );
    view! {
        <section class="plugin-page" data-testid="seed-history">
            <h2>"Seed history"</h2>
            <Transition fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    match history.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(h) if h.rows.is_empty() => view! { <p class="empty">"No seed rolled here yet."</p> }.into_any(),
                        Ok(h) => {
                            let pages = ((h.total + h.per_page - 1) / h.per_page).max(1);
                            let current = h.page;
                            let total = format!("{} rolls", h.total);
                            view! {
                                <table class="table">
                                    <thead><tr><th>"When"</th><th>"Who"</th><th>"From"</th><th>"Preset"</th><th>"Seed"</th></tr></thead>
                                    <tbody>
                                        {h.rows.into_iter().map(|r| view! {
                                            <tr data-testid="history-row">
                                                <td>{format_instant(r.created_at)}</td>
                                                <td>{r.user.unwrap_or_else(|| "—".into())}</td>
                                                <td>{r.origin}</td>
                                                <td>{r.randomizer} " " <code>{r.preset}</code></td>
                                                <td>{match r.permalink {
                                                    Some(link) => { let text = link.clone(); view! { <a href=link rel="noopener">{text}</a> " " <Hash hash=r.hash/> }.into_any() }
                                                    None => view! { <span class="error">{r.error.unwrap_or_default()}</span> }.into_any(),
                                                }}</td>
                                            </tr>
                                        }).collect_view()}
                                    </tbody>
                                </table>
                                <Pager current pages on_page=move |p| set_page.set(p) total/>
                            }.into_any()
                        }
                    }
                })}
            </Transition>
        </section>
    }
}

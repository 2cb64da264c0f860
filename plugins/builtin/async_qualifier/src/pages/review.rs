//! The review queue: finished runs nobody accepted yet (a rejected one waits for a second
//! review), without the reviewer's own; accept or reject with notes, and correct the time.

use leptos::prelude::*;
use sahabot_sdk::pages::{field_problem, id_param, message, org_slug, reload_on_success};

use super::parts::{duration, qualifier_href, run_href};
use crate::model::Run;
use crate::server_fns::review::{review_queue, ReviewRun};

#[component]
pub fn ReviewPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let decide = ServerAction::<ReviewRun>::new();
    let reload = RwSignal::new(0_usize);
    reload_on_success(decide, reload);
    let queue = Resource::new(
        move || (org.get(), id.get(), reload.get()),
        |(org, id, _)| review_queue(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="review-queue">
            <h2>"Review queue " <a href=move || qualifier_href(&org.get(), id.get())>"(back to the qualifier)"</a></h2>
            <Transition fallback=|| view! { <p class="loading">"Loading the queue…"</p> }>
                {move || Suspend::new(async move {
                    match queue.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(runs) if runs.is_empty() => view! { <p class="empty">"Nothing to review."</p> }.into_any(),
                        Ok(runs) => runs
                            .into_iter()
                            .map(|run| view! { <Decision run decide/> })
                            .collect::<Vec<_>>()
                            .into_any(),
                    }
                })}
            </Transition>
            {move || decide.value().get().and_then(Result::err)
                .filter(|e| sahabot_sdk::pages::field_error(Some(e), "time").is_none())
                .map(|e| view! { <p class="error">{message(&e)}</p> })}
        </section>
    }
}

#[component]
fn Decision(run: Run, decide: ServerAction<ReviewRun>) -> impl IntoView {
    let org = org_slug();
    let id = run.id;
    let notes = RwSignal::new(String::new());
    let time = RwSignal::new(String::new());
    let send = move |accept: bool| {
        decide.dispatch(ReviewRun {
            org: org.get_untracked(),
            id,
            accept,
            notes: notes.get_untracked(),
            time: time.get_untracked(),
        });
    };
    view! {
        <article class="card" data-testid="review-item" data-racer=run.display_name.clone()>
            <h3><a href=run_href(&org.get_untracked(), run.id)>{format!("{} · {}", run.display_name, run.pool_name)}</a></h3>
            <p>
                {format!("Time {} · {}", run.elapsed_ms.map(duration).unwrap_or_default(), run.review.label())}
                {run.vod_url.clone().map(|v| view! { " · " <a href=v.clone() rel="noopener" target="_blank">"VOD"</a> })}
            </p>
            {run.flag_reason.clone().map(|r| view! { <p class="hint">"The racer asks: " {r}</p> })}
            {(!run.notes.is_empty()).then(|| view! { <p class="hint">"Racer's notes: " {run.notes.clone()}</p> })}
            <label class="field">"Notes" <input bind:value=notes data-testid="review-notes"/></label>
            <label class="field">"Corrected time (H:MM:SS, empty to keep it)" <input bind:value=time data-testid="review-time"/>
                {field_problem(decide, "time")}
            </label>
            <button type="button" data-testid="accept" on:click=move |_| send(true)>"Accept"</button>
            " "
            <button type="button" class="secondary" data-testid="reject" on:click=move |_| send(false)>"Reject"</button>
        </article>
    }
}

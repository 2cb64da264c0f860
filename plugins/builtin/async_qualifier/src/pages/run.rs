//! A run's page: the permalink once revealed, the clock, and the racer's steps (ready,
//! finish, forfeit), then their VOD, notes, a review request or a reattempt; organizers
//! extend a pending run's time or disqualify one that is over.

use leptos::prelude::*;
use sahabot_sdk::pages::{
    field_problem, id_param, message, org_slug, reload_on_success, LocalTime,
};

use super::parts::{duration, qualifier_href, score, StatusBadge};
use crate::model::{Run, RunStatus};
use crate::server_fns::runs::{
    run_page, DisqualifyRun, ExtendRun, FlagRun, ReattemptRun, RunData, StepRun, SubmitRun,
};

/// The actions of the page, reloading it when one succeeds.
#[derive(Clone, Copy)]
struct Actions {
    step: ServerAction<StepRun>,
    submit: ServerAction<SubmitRun>,
    flag: ServerAction<FlagRun>,
    reattempt: ServerAction<ReattemptRun>,
    extend: ServerAction<ExtendRun>,
    disqualify: ServerAction<DisqualifyRun>,
}

#[component]
pub fn RunPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let actions = Actions {
        step: ServerAction::new(),
        submit: ServerAction::new(),
        flag: ServerAction::new(),
        reattempt: ServerAction::new(),
        extend: ServerAction::new(),
        disqualify: ServerAction::new(),
    };
    let reload = RwSignal::new(0_usize);
    reload_on_success(actions.step, reload);
    reload_on_success(actions.submit, reload);
    reload_on_success(actions.flag, reload);
    reload_on_success(actions.reattempt, reload);
    reload_on_success(actions.extend, reload);
    reload_on_success(actions.disqualify, reload);
    let data = Resource::new(
        move || (org.get(), id.get(), reload.get()),
        |(org, id, _)| run_page(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="run">
            <Transition fallback=|| view! { <p class="loading">"Loading the run…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! { <RunView page actions/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

/// Now, in unix milliseconds, ticking four times a second in the browser while the run is in
/// progress (0 on the server and before hydration).
#[cfg_attr(not(feature = "hydrate"), allow(unused_variables))]
fn ticking_now(running: bool) -> RwSignal<i64> {
    let now = RwSignal::new(0_i64);
    #[cfg(feature = "hydrate")]
    if running {
        // Set after hydration, so that the first render matches the server's.
        Effect::new(move |_| now.set(js_sys::Date::now() as i64));
        let handle = set_interval_with_handle(
            move || now.set(js_sys::Date::now() as i64),
            std::time::Duration::from_millis(250),
        );
        if let Ok(handle) = handle {
            on_cleanup(move || handle.clear());
        }
    }
    now
}

/// Whether the countdown before the clock is still running (not known before hydration).
fn counting_down(now: i64, started: Option<i64>) -> bool {
    now != 0 && started.is_some_and(|start| now < start)
}

#[component]
fn RunView(page: RunData, actions: Actions) -> impl IntoView {
    let org = org_slug();
    let run = page.run.clone();
    let own = page.rights.user_id == Some(run.user_id);
    let id = run.id;
    let step = move |name: &'static str| {
        actions.step.dispatch(StepRun {
            org: org.get_untracked(),
            id,
            step: name.into(),
        });
    };
    let now = ticking_now(run.status == RunStatus::InProgress);
    let clock = {
        let run = run.clone();
        move || match (run.status, run.started_at) {
            (RunStatus::InProgress, Some(start)) if now.get() == 0 => {
                format!("Started at {}", sahabot_sdk::pages::format_instant(start))
            }
            (RunStatus::InProgress, Some(start)) if now.get() < start => {
                format!("Starting in {}…", (start - now.get() + 999) / 1000)
            }
            (RunStatus::InProgress, Some(start)) => duration(now.get() - start),
            _ => run.elapsed_ms.map(duration).unwrap_or_default(),
        }
    };
    let started = run.started_at;
    let confirm_forfeit = RwSignal::new(false);
    let steps = own.then(|| match run.status {
        RunStatus::Pending => view! {
            <button type="button" data-testid="ready" on:click=move |_| step("ready")>"I am ready: start the countdown"</button>
            " "
            <button type="button" class="secondary" on:click=move |_| confirm_forfeit.set(true)>"Forfeit"</button>
        }
        .into_any(),
        RunStatus::InProgress => view! {
            <button type="button" data-testid="finish" on:click=move |_| step("finish")
                disabled=move || counting_down(now.get(), started)>"Finish"</button>
            " "
            <button type="button" class="secondary" on:click=move |_| confirm_forfeit.set(true)>"Forfeit"</button>
        }
        .into_any(),
        _ => ().into_any(),
    });
    let permalink = run.permalink_url.clone().map(|url| {
        view! { <p>"Permalink: " <a href=url.clone() rel="noopener" target="_blank" data-testid="permalink">{url.clone()}</a></p> }
    });
    view! {
        <h2>
            <a href=qualifier_href(&org.get_untracked(), run.qualifier_id)>{page.qualifier.clone()}</a>
            {format!(" · {} · {}", run.pool_name, run.display_name)}
        </h2>
        <p><StatusBadge status=run.status/>
            {run.reattempted.then_some(" Set aside for a reattempt: it does not count.")}
        </p>
        {permalink}
        <p class="timer" data-testid="timer">{clock}</p>
        {page.deadline.map(|at| view! {
            <p class="hint" data-testid="deadline">"Forfeited at " <LocalTime millis=at/> " unless you are ready by then."</p>
        })}
        {steps}
        {move || confirm_forfeit.get().then(|| view! {
            <div class="confirm" data-testid="confirm-forfeit">
                <p>"Forfeit this run? It scores 0 and cannot be resumed."</p>
                <button type="button" data-testid="forfeit" on:click=move |_| step("forfeit")>"Forfeit"</button>
                " "
                <button type="button" class="secondary" on:click=move |_| confirm_forfeit.set(false)>"Keep racing"</button>
            </div>
        })}
        {move || actions.step.value().get().and_then(Result::err).map(|e| view! { <p class="error">{message(&e)}</p> })}
        <Outcome run=run.clone()/>
        {(own && !run.status.is_active()).then(|| view! { <Afterwards run=run.clone() actions/> })}
        {page.rights.manage.then(|| view! { <Organizer run=run.clone() actions/> })}
    }
}

/// The time, score and review of a run that is over.
#[component]
fn Outcome(run: Run) -> impl IntoView {
    (run.status == RunStatus::Finished).then(|| {
        view! {
            <dl class="facts">
                <dt>"Score"</dt><dd data-testid="score">{score(run.score)}</dd>
                <dt>"Review"</dt><dd data-testid="review-status">{run.review.label()}</dd>
                {(!run.reviewer_notes.is_empty()).then(|| view! { <dt>"Reviewer's notes"</dt><dd>{run.reviewer_notes.clone()}</dd> })}
                {run.vod_url.clone().map(|v| view! { <dt>"VOD"</dt><dd><a href=v.clone()>{v.clone()}</a></dd> })}
                {run.flag_reason.clone().map(|r| view! { <dt>"Review asked for"</dt><dd>{r}</dd> })}
            </dl>
        }
    })
}

/// What the racer does once the run is over: a VOD and notes, a review request, a reattempt.
#[component]
fn Afterwards(run: Run, actions: Actions) -> impl IntoView {
    let org = org_slug();
    let id = run.id;
    let vod = RwSignal::new(run.vod_url.clone().unwrap_or_default());
    let notes = RwSignal::new(run.notes.clone());
    let reason = RwSignal::new(String::new());
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        actions.submit.dispatch(SubmitRun {
            org: org.get_untracked(),
            id,
            vod_url: vod.get_untracked(),
            notes: notes.get_untracked(),
        });
    };
    let flag = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        actions.flag.dispatch(FlagRun {
            org: org.get_untracked(),
            id,
            reason: reason.get_untracked(),
        });
    };
    let confirm = RwSignal::new(false);
    let can_reattempt =
        !run.reattempted && matches!(run.status, RunStatus::Finished | RunStatus::Forfeit);
    view! {
        <form class="card" on:submit=submit data-testid="submission">
            <h3>"VOD and notes"</h3>
            <label class="field">"VOD link" <input bind:value=vod data-testid="vod"/>{field_problem(actions.submit, "vod_url")}</label>
            <label class="field">"Notes" <textarea bind:value=notes></textarea>{field_problem(actions.submit, "notes")}</label>
            <button type="submit">"Save"</button>
            {move || actions.submit.value().get().map(|r| match r {
                Ok(()) => view! { <p class="success" data-testid="submission-saved">"Saved."</p> }.into_any(),
                Err(e) if sahabot_sdk::pages::field_error(Some(&e), "vod_url").is_some() => ().into_any(),
                Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
            })}
        </form>
        {(run.status == RunStatus::Finished && run.flag_reason.is_none()).then(|| view! {
            <form class="card" on:submit=flag data-testid="flag">
                <h3>"Ask for a review"</h3>
                <label class="field">"Why" <input bind:value=reason/>{field_problem(actions.flag, "reason")}</label>
                <button type="submit">"Ask"</button>
            </form>
        })}
        {can_reattempt.then(|| view! {
            <div class="card">
                <h3>"Reattempt"</h3>
                <p class="hint">"Set this run aside to run the pool again on another permalink; it no longer counts. The qualifier limits how often."</p>
                {move || if confirm.get() {
                    view! {
                        <button type="button" data-testid="reattempt"
                            on:click=move |_| { actions.reattempt.dispatch(ReattemptRun { org: org.get_untracked(), id }); }>
                            "Set it aside for good"
                        </button>
                    }.into_any()
                } else {
                    view! { <button type="button" class="secondary" on:click=move |_| confirm.set(true)>"Reattempt…"</button> }.into_any()
                }}
                {move || actions.reattempt.value().get().and_then(Result::err).map(|e| view! { <p class="error">{message(&e)}</p> })}
            </div>
        })}
    }
}

/// An organizer's tools: more time for a pending run, disqualifying one that is over.
#[component]
fn Organizer(run: Run, actions: Actions) -> impl IntoView {
    let org = org_slug();
    let id = run.id;
    let minutes = RwSignal::new("15".to_owned());
    let extend = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Ok(minutes) = minutes.get_untracked().trim().parse::<i64>() else {
            return;
        };
        actions.extend.dispatch(ExtendRun {
            org: org.get_untracked(),
            id,
            minutes,
        });
    };
    let tools = match run.status {
        RunStatus::Pending => view! {
            <form on:submit=extend data-testid="extend">
                <label class="field">"Give more time (minutes)" <input bind:value=minutes inputmode="numeric"/>
                    {field_problem(actions.extend, "minutes")}
                </label>
                <button type="submit">"Extend"</button>
            </form>
        }
        .into_any(),
        RunStatus::Finished | RunStatus::Forfeit => view! {
            <button type="button" class="secondary" data-testid="disqualify"
                on:click=move |_| { actions.disqualify.dispatch(DisqualifyRun { org: org.get_untracked(), id }); }>
                "Disqualify"
            </button>
        }
        .into_any(),
        _ => ().into_any(),
    };
    view! {
        <div class="card" data-testid="organizer-tools">
            <h3>"Organizer"</h3>
            {tools}
            {move || actions.disqualify.value().get().and_then(Result::err).map(|e| view! { <p class="error">{message(&e)}</p> })}
        </div>
    }
}

//! A qualifier's page: what the racer may start (with the point of no return), their runs,
//! and the leaderboard with the distribution of scores.

use leptos::prelude::*;
use sahabot_sdk::pages::{id_param, message, org_slug, Pager, SortHeader};

use super::charts::ScoreHistogram;
use super::parts::{racer_href, run_href, RunTable};
use crate::model::{Choice, Line};
use crate::server_fns::qualifiers::{qualifier_page, QualifierData};
use crate::server_fns::runs::StartRun;

const PER_PAGE: usize = 25;

#[component]
pub fn QualifierPage() -> impl IntoView {
    let org = org_slug();
    let id = id_param("id");
    let data = Resource::new(
        move || (org.get(), id.get()),
        |(org, id)| qualifier_page(org, id),
    );
    view! {
        <section class="plugin-page" data-testid="qualifier">
            <Transition fallback=|| view! { <p class="loading">"Loading the qualifier…"</p> }>
                {move || Suspend::new(async move {
                    match data.await {
                        Err(e) => view! { <p class="error">{message(&e)}</p> }.into_any(),
                        Ok(page) => view! { <Qualifier page/> }.into_any(),
                    }
                })}
            </Transition>
        </section>
    }
}

#[component]
fn Qualifier(page: QualifierData) -> impl IntoView {
    let org = org_slug().get_untracked();
    let q = page.qualifier.clone();
    let base = format!("/org/{org}/async_qualifier/q/{}", q.id);
    let review = page.rights.review.then(|| {
        view! { <a class="button secondary" href=format!("{base}/review") data-testid="review-link">"Review queue"</a> }
    });
    let manage = page.rights.manage.then(|| {
        view! { <a class="button secondary" href=format!("{base}/manage") data-testid="manage-link">"Manage"</a> }
    });
    let reattempts = match q.max_reattempts {
        None => "reattempts without limit".to_owned(),
        Some(1) => "1 reattempt".to_owned(),
        Some(n) => format!("{n} reattempts"),
    };
    let active = page
        .my_runs
        .iter()
        .find(|r| r.status.is_active())
        .map(|r| r.id);
    let start = match (&page.open, active) {
        (_, Some(run)) => view! {
            <p class="card" data-testid="active-run">
                "You have a run going. " <a href=run_href(&org, run)>"Open it"</a>
            </p>
        }
        .into_any(),
        (Err(why), None) => {
            view! { <p class="hint" data-testid="closed">{why.clone()}</p> }.into_any()
        }
        (Ok(()), None) if page.rights.member => {
            view! { <StartPanel qualifier=q.id choices=page.choices.clone()/> }.into_any()
        }
        (Ok(()), None) => {
            view! { <p class="hint">"Sign in as a member of this organization to run it."</p> }
                .into_any()
        }
    };
    view! {
        <header class="page-head">
            <h2>{q.name.clone()}</h2>
            {review}
            {manage}
        </header>
        {(!q.description.is_empty()).then(|| view! { <p>{q.description.clone()}</p> })}
        <p class="hint">
            {format!("{} pools, {} run(s) per pool, {reattempts}. ", q.pool_count, q.runs_per_pool)}
            <a href=format!("{base}/pools") data-testid="pools-link">"Pools and permalinks"</a>
        </p>
        {start}
        {page.rights.member.then(|| view! {
            <h3>"Your runs"</h3>
            <RunTable org=org.clone() rows=page.my_runs.clone()/>
        })}
        <h3>"Leaderboard"</h3>
        {match page.leaderboard {
            Err(why) => view! { <p class="hint" data-testid="leaderboard-hidden">{why}</p> }.into_any(),
            Ok(lines) => view! { <Leaderboard org qualifier=q.id lines/> }.into_any(),
        }}
    }
}

/// The pools the racer may run; choosing one asks once more before the permalink is revealed.
#[component]
fn StartPanel(qualifier: i64, choices: Vec<Choice>) -> impl IntoView {
    let org = org_slug();
    let start = ServerAction::<StartRun>::new();
    let chosen = RwSignal::new(None::<(i64, String)>);
    let navigate = leptos_router::hooks::use_navigate();
    Effect::new(move |_| {
        if let Some(Ok(run)) = start.value().get() {
            navigate(&run_href(&org.get_untracked(), run), Default::default());
        }
    });
    let buttons = choices
        .into_iter()
        .map(|c| {
            let can = c.runs_left > 0 && c.unseen > 0;
            let name = c.pool.name.clone();
            let note = if c.runs_left == 0 {
                "no runs left".to_owned()
            } else if c.unseen == 0 {
                "no permalink you have not run".to_owned()
            } else {
                format!("{} run(s) left", c.runs_left)
            };
            let id = c.pool.id;
            view! {
                <li>
                    <button type="button" disabled=!can data-testid="choose-pool" data-pool=name.clone()
                        on:click=move |_| chosen.set(Some((id, name.clone())))>
                        {format!("Run {}", c.pool.name)}
                    </button>
                    " " <span class="hint">{note}</span>
                </li>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <div class="card" data-testid="start-panel">
            <h3>"Start a run"</h3>
            <ul class="plain">{buttons}</ul>
            {move || chosen.get().map(|(pool, name)| view! {
                <div class="confirm" data-testid="point-of-no-return">
                    <p><strong>"Point of no return. "</strong>
                        {format!("A permalink of {name} you have not run is revealed and the run counts from now: ")}
                        "you have twenty minutes to get ready before it is forfeited."
                    </p>
                    <button type="button" data-testid="reveal"
                        on:click=move |_| { start.dispatch(StartRun { org: org.get_untracked(), qualifier_id: qualifier, pool_id: pool }); }>
                        "Reveal the permalink"
                    </button>
                    " "
                    <button type="button" class="secondary" on:click=move |_| chosen.set(None)>"Cancel"</button>
                </div>
            })}
            {move || start.value().get().and_then(Result::err).map(|e| view! { <p class="error">{message(&e)}</p> })}
        </div>
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Sort {
    Place,
    Name,
    Estimate,
    Finished,
}

#[component]
fn Leaderboard(org: String, qualifier: i64, lines: Vec<Line>) -> impl IntoView {
    if lines.is_empty() {
        return view! { <p class="empty">"Nobody has run this qualifier yet."</p> }.into_any();
    }
    let scores: Vec<f64> = lines.iter().map(|l| l.standing.score).collect();
    let max = scores.iter().copied().fold(105.0_f64, f64::max);
    let sort = RwSignal::new(Sort::Place);
    let page = RwSignal::new(1_i64);
    let count = lines.len();
    let pages = count.div_ceil(PER_PAGE).max(1) as i64;
    let shown = move || {
        let mut rows = lines.clone();
        match sort.get() {
            Sort::Place => {}
            Sort::Name => rows.sort_by_key(|l| l.display_name.to_lowercase()),
            Sort::Estimate => {
                rows.sort_by(|a, b| b.standing.estimate.total_cmp(&a.standing.estimate))
            }
            Sort::Finished => rows.sort_by_key(|l| std::cmp::Reverse(l.standing.finished)),
        }
        let skip = (page.get() - 1).max(0) as usize * PER_PAGE;
        rows.into_iter()
            .skip(skip)
            .take(PER_PAGE)
            .collect::<Vec<_>>()
    };
    view! {
        <ScoreHistogram scores max/>
        <table class="table" data-testid="leaderboard">
            <thead>
                <tr>
                    <SortHeader label="Place" by=Sort::Place sort on_sort=move |()| page.set(1)/>
                    <SortHeader label="Racer" by=Sort::Name sort on_sort=move |()| page.set(1)/>
                    <th>"Score"</th>
                    <SortHeader label="Estimate" by=Sort::Estimate sort on_sort=move |()| page.set(1)/>
                    <SortHeader label="Finished" by=Sort::Finished sort on_sort=move |()| page.set(1)/>
                    <th>"Forfeits"</th>
                </tr>
            </thead>
            <tbody>
                <For each=shown key=|l| l.standing.user_id let:l>
                    <tr data-testid="leaderboard-row" data-racer=l.display_name.clone()>
                        <td>{l.standing.place}</td>
                        <td><a href=racer_href(&org, qualifier, l.standing.user_id)>{l.display_name.clone()}</a></td>
                        <td data-testid="leaderboard-score">{format!("{:.2}", l.standing.score)}</td>
                        <td>{format!("{:.2}", l.standing.estimate)}</td>
                        <td>{l.standing.finished}</td>
                        <td>{l.standing.forfeited}</td>
                    </tr>
                </For>
            </tbody>
        </table>
        {move || (pages > 1).then(|| view! {
            <Pager current=page.get() pages on_page=move |p| page.set(p) total=format!("{count} racers")/>
        })}
    }
    .into_any()
}

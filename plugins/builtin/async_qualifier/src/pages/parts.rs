//! Pieces several qualifier pages show: links, times, scores, a run table.

use leptos::prelude::*;
use sahabot_sdk::pages::LocalTime;

use crate::model::{Run, RunStatus};
use crate::service::scoring::format_duration;

pub fn qualifier_href(org: &str, id: i64) -> String {
    format!("/org/{org}/async_qualifier/q/{id}")
}

pub fn run_href(org: &str, id: i64) -> String {
    format!("/org/{org}/async_qualifier/r/{id}")
}

pub fn racer_href(org: &str, qualifier: i64, user: i64) -> String {
    format!("/org/{org}/async_qualifier/q/{qualifier}/racer/{user}")
}

/// Milliseconds as `H:MM:SS`.
pub fn duration(ms: i64) -> String {
    format_duration(u64::try_from(ms.max(0) / 1000).unwrap_or(0))
}

pub fn score(score: Option<f64>) -> String {
    score.map_or_else(|| "—".to_owned(), |s| format!("{s:.2}"))
}

#[component]
pub fn StatusBadge(status: RunStatus) -> impl IntoView {
    let class = match status {
        RunStatus::Pending | RunStatus::InProgress => "badge live",
        RunStatus::Finished => "badge done",
        RunStatus::Forfeit | RunStatus::Disqualified => "badge",
    };
    view! { <span class=class data-testid="run-status">{status.label()}</span> }
}

/// Runs as a table: when, pool, (racer), time, score, status, review.
#[component]
pub fn RunTable(org: String, rows: Vec<Run>, #[prop(optional)] racer: bool) -> impl IntoView {
    if rows.is_empty() {
        return view! { <p class="empty">"No runs yet."</p> }.into_any();
    }
    let rows = rows
        .into_iter()
        .map(|run| {
            let who = racer.then(|| {
                let href = racer_href(&org, run.qualifier_id, run.user_id);
                view! { <td><a href=href>{run.display_name.clone()}</a></td> }
            });
            view! {
                <tr data-testid="run-row" data-run=run.id class:set-aside=run.reattempted>
                    <td><a href=run_href(&org, run.id)><LocalTime millis=run.revealed_at/></a></td>
                    <td>{run.pool_name.clone()}</td>
                    {who}
                    <td>{run.elapsed_ms.map(duration).unwrap_or_default()}</td>
                    <td data-testid="run-score">{score(run.score)}</td>
                    <td><StatusBadge status=run.status/>{run.reattempted.then_some(" (set aside)")}</td>
                    <td>{(run.status == RunStatus::Finished).then(|| run.review.label())}</td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="table" data-testid="run-table">
            <thead>
                <tr>
                    <th>"Revealed"</th>
                    <th>"Pool"</th>
                    {racer.then(|| view! { <th>"Racer"</th> })}
                    <th>"Time"</th>
                    <th>"Score"</th>
                    <th>"Status"</th>
                    <th>"Review"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
    .into_any()
}

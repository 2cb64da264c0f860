//! Pieces several tournament pages show: a match table, a status badge, links.

use leptos::prelude::*;
use sahabot_sdk::pages::LocalTime;

use crate::model::{Match, MatchStatus};

pub fn match_href(org: &str, id: i64) -> String {
    format!("/org/{org}/tournament/m/{id}")
}

pub fn tournament_href(org: &str, id: i64) -> String {
    format!("/org/{org}/tournament/t/{id}")
}

#[component]
pub fn StatusBadge(status: MatchStatus) -> impl IntoView {
    let class = match status {
        MatchStatus::Pending | MatchStatus::Scheduled => "badge",
        MatchStatus::CheckedIn | MatchStatus::InProgress => "badge live",
        MatchStatus::Finished | MatchStatus::Recorded => "badge done",
    };
    view! { <span class=class data-testid="match-status">{status.label()}</span> }
}

/// A match's time, or "not scheduled".
#[component]
pub fn When(at: Option<i64>) -> impl IntoView {
    match at {
        Some(millis) => view! { <LocalTime millis/> }.into_any(),
        None => view! { <span class="hint">"not scheduled"</span> }.into_any(),
    }
}

/// The players of a match, the winner in bold.
pub fn versus(m: &Match) -> impl IntoView {
    let names: Vec<_> = m
        .players
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let sep = if i == 0 { "" } else { " vs " };
            let won = p.finish_rank == Some(1);
            view! { {sep}<span class:winner=won>{p.display_name.clone()}</span> }
        })
        .collect();
    names
}

/// Matches as a table: time, match, players, stream, status; `tournament` names the
/// tournament column when the matches come from several.
#[component]
pub fn MatchTable(
    org: String,
    rows: Vec<Match>,
    #[prop(optional)] tournaments: Option<Vec<(i64, String)>>,
) -> impl IntoView {
    let with_tournament = tournaments.is_some();
    let names = tournaments.unwrap_or_default();
    let rows = rows
        .into_iter()
        .map(|m| {
            let href = match_href(&org, m.id);
            let title = if m.title.is_empty() {
                format!("Match #{}", m.id)
            } else {
                m.title.clone()
            };
            let tournament = with_tournament.then(|| {
                let name = names
                    .iter()
                    .find(|(id, _)| *id == m.tournament_id)
                    .map(|(_, n)| n.clone())
                    .unwrap_or_default();
                view! { <td>{name}</td> }
            });
            let stream = m.stream.clone().map(|s| {
                view! { <a href=s.url.clone() rel="noopener" target="_blank">{s.name.clone()}</a> }
            });
            view! {
                <tr data-testid="match-row" data-match=m.id>
                    <td><When at=m.times.scheduled_at/></td>
                    {tournament}
                    <td><a href=href>{title}</a></td>
                    <td>{versus(&m)}</td>
                    <td>{stream}</td>
                    <td><StatusBadge status=m.status/></td>
                </tr>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <table class="table">
            <thead>
                <tr>
                    <th>"When"</th>
                    {with_tournament.then(|| view! { <th>"Tournament"</th> })}
                    <th>"Match"</th>
                    <th>"Players"</th>
                    <th>"Stream"</th>
                    <th>"Status"</th>
                </tr>
            </thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

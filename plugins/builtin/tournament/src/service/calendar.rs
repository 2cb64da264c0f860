//! iCalendar feeds calendar apps subscribe to: a tournament's schedule, and a player's
//! matches. Matches without a time are left out; a finished one stays, so a calendar keeps
//! its history for a month.

use icalendar::{Calendar, Component, Event, EventLike};
use sahabot_sdk::{time, Error};

use super::caller::Caller;
use super::tournaments;
use crate::model::Match;
use crate::repo::matches::{self as repo, Filter};

/// How long a match is shown to last (the previous generation's default event length).
pub const MATCH_MINUTES: i64 = 120;
/// How far back a feed reaches, and how many matches it holds at most.
const HISTORY_MS: i64 = 30 * 24 * 3_600_000;
const MAX_EVENTS: i64 = 2_000;

/// The feed of tournament `id`.
pub async fn tournament(caller: &Caller, id: i64) -> Result<String, Error> {
    let t = tournaments::get(caller, id).await?;
    let filter = Filter {
        tournament_id: Some(id),
        ..window(caller)
    };
    let (found, _) = repo::load(&caller.db, &filter).await?;
    let names = [(t.id, t.name.clone())];
    Ok(feed(
        &format!("{} — {}", caller.db.org()?.name, t.name),
        &found,
        &names,
    ))
}

/// The feed of the matches `user_id` plays in, in every tournament of the organization.
pub async fn player(caller: &Caller, user_id: i64) -> Result<String, Error> {
    let filter = Filter {
        player: Some(user_id),
        ..window(caller)
    };
    let (found, _) = repo::load(&caller.db, &filter).await?;
    let names: Vec<(i64, String)> = tournaments::list(caller)
        .await?
        .into_iter()
        .map(|t| (t.id, t.name))
        .collect();
    let who = found
        .iter()
        .flat_map(|m| &m.players)
        .find(|p| p.user_id == user_id)
        .map_or_else(|| format!("player {user_id}"), |p| p.display_name.clone());
    Ok(feed(
        &format!("{} — matches of {who}", caller.db.org()?.name),
        &found,
        &names,
    ))
}

fn window(caller: &Caller) -> Filter {
    Filter {
        org_id: caller.org_id,
        from: Some(time::now_millis() - HISTORY_MS),
        limit: MAX_EVENTS,
        ..Filter::default()
    }
}

/// The calendar named `name` with one event per scheduled match.
pub fn feed(name: &str, found: &[Match], tournaments: &[(i64, String)]) -> String {
    let mut calendar = Calendar::new();
    calendar.name(name);
    for m in found {
        let Some(start) = m
            .times
            .scheduled_at
            .and_then(chrono::DateTime::from_timestamp_millis)
        else {
            continue;
        };
        let players: Vec<&str> = m.players.iter().map(|p| p.display_name.as_str()).collect();
        let versus = players.join(" vs ");
        let tournament = tournaments
            .iter()
            .find(|(id, _)| *id == m.tournament_id)
            .map_or("", |(_, name)| name.as_str());
        let title = if m.title.is_empty() {
            versus.clone()
        } else {
            m.title.clone()
        };
        let mut description = format!("{versus}\nStatus: {}", m.status.label());
        if let Some(stream) = &m.stream {
            description.push_str(&format!("\nStream: {} {}", stream.name, stream.url));
        }
        if !m.comment.is_empty() {
            description.push_str(&format!("\n{}", m.comment));
        }
        let mut event = Event::new();
        event
            .uid(&format!("match-{}@sahabot", m.id))
            .summary(&format!("{tournament}: {title}"))
            .description(&description)
            .starts(start)
            .ends(start + chrono::Duration::minutes(MATCH_MINUTES));
        if let Some(stream) = &m.stream {
            event.location(&stream.url);
        }
        calendar.push(event);
    }
    calendar.to_string()
}

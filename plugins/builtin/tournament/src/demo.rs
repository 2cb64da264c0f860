//! Example data for demo mode: a tournament with players, a stream channel, a recorded match,
//! upcoming ones with crew, and one still to be scheduled — written through the services, so
//! it obeys the same rules as anything a person creates.

use sahabot_sdk::runtime_kinds::{OrgContext, PluginError};
use sahabot_sdk::time;

use crate::model::{CrewRole, TournamentForm};
use crate::service::caller::Caller;
use crate::service::matches::{self, Direction, NewMatch};
use crate::service::{channels, crew, players, tournaments};

const HOUR: i64 = 3_600_000;
const DAY: i64 = 24 * HOUR;

pub async fn fill(ctx: OrgContext) -> Result<(), PluginError> {
    let members = ctx.db.members().await?;
    // The first member organizes; the next four play (fewer in a small organization).
    let [organizer, others @ ..] = members.as_slice() else {
        return Ok(());
    };
    let racers: Vec<i64> = others.iter().take(4).map(|m| m.user_id).collect();
    if racers.len() < 2 {
        return Ok(());
    }
    let caller = Caller::organizer(ctx.db.clone(), organizer.user_id, ctx.org.id);
    let now = time::now_millis();
    let hour = now - now % HOUR;
    let id = tournaments::create(
        &caller,
        &TournamentForm {
            name: "Spring Invitational".into(),
            description: "Best-of-one races between invited racers; the top two meet in the final."
                .into(),
            is_active: true,
            starts_at: Some(hour - 7 * DAY),
            ends_at: Some(hour + 60 * DAY),
            ..TournamentForm::default()
        },
    )
    .await?;
    for racer in &racers {
        players::add(&caller, id, *racer).await?;
    }
    let stream = channels::create(
        &caller,
        "Main stream",
        &format!("https://www.twitch.tv/{}", ctx.org.slug.replace('-', "")),
    )
    .await?;
    // Consecutive racers differ in any organization of two or more.
    let racer = |i: usize| racers[i % racers.len()];
    let new = |players: Vec<i64>, title: &str, at: Option<i64>, stream: Option<i64>| NewMatch {
        tournament_id: id,
        players,
        title: title.into(),
        comment: String::new(),
        scheduled_at: at,
        stream_channel_id: stream,
    };

    let played = matches::create(
        &caller,
        &new(
            vec![racer(0), racer(1)],
            "Round 1",
            Some(hour - 3 * DAY),
            Some(stream),
        ),
    )
    .await?;
    matches::step(&caller, played, Direction::Advance).await?;
    matches::step(&caller, played, Direction::Advance).await?;
    matches::record_results(&caller, played, &[(racer(0), 1), (racer(1), 2)]).await?;
    matches::step(&caller, played, Direction::Advance).await?;

    let next = matches::create(
        &caller,
        &new(
            vec![racer(2), racer(3)],
            "Round 1",
            Some(hour + DAY),
            Some(stream),
        ),
    )
    .await?;
    crew::sign_up(&caller, next, CrewRole::Commentator, None).await?;
    let (a, b) = (racer(2), racer(3));
    if let Some(tracker) = racers.iter().find(|r| **r != a && **r != b) {
        crew::sign_up(&caller, next, CrewRole::Tracker, Some(*tracker)).await?;
    }
    matches::create(
        &caller,
        &new(
            vec![racer(1), racer(2)],
            "Round 2",
            Some(hour + 3 * DAY + 2 * HOUR),
            None,
        ),
    )
    .await?;
    matches::create(
        &caller,
        &new(
            vec![racer(0), racer(racers.len() - 1)],
            "Round 2",
            None,
            None,
        ),
    )
    .await?;
    Ok(())
}

use leptos::prelude::*;

use crate::bulk::Row;

/// Creates the matches read from the bulk scheduling text, all or none; how many.
#[server]
pub async fn schedule_matches(
    org: String,
    tournament_id: i64,
    rows: Vec<Row>,
) -> Result<usize, ServerFnError> {
    use sahabot_sdk::access::failed;
    let caller = super::caller::<ScheduleMatches>(&org).await?;
    let new: Vec<crate::service::matches::NewMatch> = rows
        .iter()
        .map(|row| crate::service::matches::NewMatch {
            tournament_id,
            players: row.players.clone(),
            title: row.title.clone(),
            comment: String::new(),
            scheduled_at: row.scheduled_at,
            stream_channel_id: row.stream_channel_id,
        })
        .collect();
    crate::service::matches::create_many(&caller, tournament_id, &new, |i| {
        format!("line {}", rows[i].line)
    })
    .await
    .map(|ids| ids.len())
    .map_err(failed)
}
sahabot_sdk::guard!(plugin, ScheduleMatches, org "tournament:schedule");

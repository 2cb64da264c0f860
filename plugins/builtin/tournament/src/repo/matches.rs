//! Matches, read whole (players, crew, stream, seed) in three queries for any number of them.

use std::collections::HashMap;

use sahabot_sdk::data::{PluginDb as Db, PluginWrite};
use sahabot_sdk::ssr::get_bool;
use sahabot_sdk::ssr::sqlx::{self, any::AnyRow, Row};
use sahabot_sdk::Error;

use crate::model::{Crew, CrewRole, Match, MatchPlayer, MatchSeed, MatchTimes, StreamChannel};
use crate::service::status::Stamp;

/// Which matches to read. Everything is within one organization.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub org_id: i64,
    pub id: Option<i64>,
    pub tournament_id: Option<i64>,
    /// Matches this user plays in.
    pub player: Option<i64>,
    /// Matches this user is crew of (approved or not).
    pub crew: Option<i64>,
    pub channel: Option<i64>,
    /// Scheduled at or after / before (unix milliseconds).
    pub from: Option<i64>,
    pub to: Option<i64>,
    pub limit: i64,
    pub offset: i64,
}

impl Filter {
    /// The `WHERE` clause over `m` (matches) and `t` (tournaments), with its values in order.
    fn clause(&self) -> (String, Vec<i64>) {
        let mut sql = String::from("t.organization_id = $1");
        let mut values = vec![self.org_id];
        let mut add = |condition: &str, value: i64| {
            values.push(value);
            sql.push_str(&format!(
                " AND {}",
                condition.replace('?', &format!("${}", values.len()))
            ));
        };
        if let Some(id) = self.id {
            add("m.id = ?", id);
        }
        if let Some(t) = self.tournament_id {
            add("m.tournament_id = ?", t);
        }
        if let Some(user) = self.player {
            add(
                "m.id IN (SELECT mp.match_id FROM match_players mp WHERE mp.user_id = ?)",
                user,
            );
        }
        if let Some(user) = self.crew {
            add(
                "m.id IN (SELECT c.match_id FROM match_crew c WHERE c.user_id = ?)",
                user,
            );
        }
        if let Some(channel) = self.channel {
            add("m.stream_channel_id = ?", channel);
        }
        if let Some(from) = self.from {
            add("m.scheduled_at >= ?", from);
        }
        if let Some(to) = self.to {
            add("m.scheduled_at < ?", to);
        }
        (sql, values)
    }
}

/// The matches `filter` selects, unscheduled ones last, then by time and id; and how many
/// there are in all.
pub async fn load(db: &Db, filter: &Filter) -> Result<(Vec<Match>, i64), Error> {
    let (clause, values) = filter.clause();
    let count_sql = format!(
        "SELECT COUNT(*) FROM matches m JOIN tournaments t ON t.id = m.tournament_id
         WHERE {clause}"
    );
    let mut count = sqlx::query_scalar::<_, i64>(&count_sql);
    for v in &values {
        count = count.bind(*v);
    }
    let total = count.fetch_one(db.pool()).await?;
    let sql = format!(
        "SELECT m.id, m.tournament_id, m.title, m.comment, m.scheduled_at, m.checked_in_at,
            m.started_at, m.finished_at, m.confirmed_at, s.id AS stream_id, s.name AS stream_name,
            s.url AS stream_url, sd.permalink, sd.hash, sd.preset, sd.rule, sd.rolled_at
         FROM matches m JOIN tournaments t ON t.id = m.tournament_id
         LEFT JOIN stream_channels s ON s.id = m.stream_channel_id
         LEFT JOIN match_seeds sd ON sd.match_id = m.id
         WHERE {clause}
         ORDER BY CASE WHEN m.scheduled_at IS NULL THEN 1 ELSE 0 END, m.scheduled_at, m.id
         LIMIT {} OFFSET {}",
        filter.limit.max(0),
        filter.offset.max(0)
    );
    let mut query = sqlx::query(&sql);
    for v in &values {
        query = query.bind(*v);
    }
    let rows = query.fetch_all(db.pool()).await?;
    let mut matches = rows.iter().map(row).collect::<Result<Vec<_>, _>>()?;
    if matches.is_empty() {
        return Ok((matches, total));
    }
    let ids: Vec<String> = matches.iter().map(|m| m.id.to_string()).collect();
    // The ids are integers read from the database: listing them inline is safe.
    let in_list = ids.join(",");
    let mut players: HashMap<i64, Vec<MatchPlayer>> = HashMap::new();
    for r in sqlx::query(&format!(
        "SELECT mp.match_id, mp.user_id, u.display_name, mp.finish_rank, mp.station
         FROM match_players mp JOIN users u ON u.id = mp.user_id
         WHERE mp.match_id IN ({in_list}) ORDER BY u.display_name, mp.user_id"
    ))
    .fetch_all(db.pool())
    .await?
    {
        players
            .entry(r.try_get("match_id")?)
            .or_default()
            .push(MatchPlayer {
                user_id: r.try_get("user_id")?,
                display_name: r.try_get("display_name")?,
                finish_rank: r.try_get("finish_rank")?,
                station: r.try_get("station")?,
            });
    }
    let mut crew: HashMap<i64, Vec<Crew>> = HashMap::new();
    for r in sqlx::query(&format!(
        "SELECT c.id, c.match_id, c.user_id, u.display_name, c.role, c.approved
         FROM match_crew c JOIN users u ON u.id = c.user_id
         WHERE c.match_id IN ({in_list}) ORDER BY c.role, u.display_name, c.id"
    ))
    .fetch_all(db.pool())
    .await?
    {
        let role: String = r.try_get("role")?;
        crew.entry(r.try_get("match_id")?).or_default().push(Crew {
            id: r.try_get("id")?,
            user_id: r.try_get("user_id")?,
            display_name: r.try_get("display_name")?,
            role: CrewRole::parse(&role)
                .ok_or_else(|| Error::Conflict(format!("stored crew role `{role}` is unknown")))?,
            approved: get_bool(&r, "approved")?,
        });
    }
    for m in &mut matches {
        m.players = players.remove(&m.id).unwrap_or_default();
        m.crew = crew.remove(&m.id).unwrap_or_default();
    }
    Ok((matches, total))
}

fn row(r: &AnyRow) -> Result<Match, Error> {
    let times = MatchTimes {
        scheduled_at: r.try_get("scheduled_at")?,
        checked_in_at: r.try_get("checked_in_at")?,
        started_at: r.try_get("started_at")?,
        finished_at: r.try_get("finished_at")?,
        confirmed_at: r.try_get("confirmed_at")?,
    };
    let stream_id: Option<i64> = r.try_get("stream_id")?;
    let stream = match stream_id {
        Some(id) => Some(StreamChannel {
            id,
            name: r.try_get("stream_name")?,
            url: r.try_get("stream_url")?,
        }),
        None => None,
    };
    let permalink: Option<String> = r.try_get("permalink")?;
    let seed = match permalink {
        Some(permalink) => {
            let hash: String = r.try_get("hash")?;
            Some(MatchSeed {
                permalink,
                hash: super::json(&hash, "seed hash")?,
                preset: r.try_get("preset")?,
                rule: r.try_get("rule")?,
                rolled_at: r.try_get("rolled_at")?,
            })
        }
        None => None,
    };
    Ok(Match {
        id: r.try_get("id")?,
        tournament_id: r.try_get("tournament_id")?,
        title: r.try_get("title")?,
        comment: r.try_get("comment")?,
        stream,
        status: times.status(),
        times,
        players: Vec::new(),
        crew: Vec::new(),
        seed,
    })
}

/// The match `id` of the organization, whole.
pub async fn get(db: &Db, org_id: i64, id: i64) -> Result<Option<Match>, Error> {
    let filter = Filter {
        org_id,
        id: Some(id),
        limit: 1,
        ..Filter::default()
    };
    Ok(load(db, &filter).await?.0.pop())
}

/// What a new match or a change of one writes.
pub struct Fields<'a> {
    pub title: &'a str,
    pub comment: &'a str,
    pub stream_channel_id: Option<i64>,
    pub scheduled_at: Option<i64>,
}

pub async fn insert(
    w: &mut PluginWrite,
    tournament_id: i64,
    fields: &Fields<'_>,
    players: &[i64],
    created_by: i64,
    now: i64,
) -> Result<i64, Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO matches (tournament_id, title, comment, stream_channel_id, scheduled_at,
            created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING id",
    )
    .bind(tournament_id)
    .bind(fields.title)
    .bind(fields.comment)
    .bind(fields.stream_channel_id)
    .bind(fields.scheduled_at)
    .bind(created_by)
    .bind(now)
    .fetch_one(&mut **w)
    .await?;
    for player in players {
        sqlx::query("INSERT INTO match_players (match_id, user_id) VALUES ($1, $2)")
            .bind(id)
            .bind(*player)
            .execute(&mut **w)
            .await?;
    }
    Ok(id)
}

pub async fn update(
    w: &mut PluginWrite,
    id: i64,
    fields: &Fields<'_>,
    now: i64,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE matches SET title = $2, comment = $3, stream_channel_id = $4, scheduled_at = $5,
            updated_at = $6 WHERE id = $1",
    )
    .bind(id)
    .bind(fields.title)
    .bind(fields.comment)
    .bind(fields.stream_channel_id)
    .bind(fields.scheduled_at)
    .bind(now)
    .execute(&mut **w)
    .await?;
    Ok(())
}

/// Sets or clears one timestamp of the status flow. `expected` is the status the change was
/// decided on: if another change came first, nothing is written and `false` comes back.
pub async fn set_stamp(
    w: &mut PluginWrite,
    id: i64,
    stamp: Stamp,
    value: Option<i64>,
    expected: &MatchTimes,
    now: i64,
) -> Result<bool, Error> {
    let column = stamp.column();
    let done = sqlx::query(&format!(
        "UPDATE matches SET {column} = $2, updated_at = $3 WHERE id = $1
            AND scheduled_at IS NOT DISTINCT FROM $4 AND checked_in_at IS NOT DISTINCT FROM $5
            AND started_at IS NOT DISTINCT FROM $6 AND finished_at IS NOT DISTINCT FROM $7
            AND confirmed_at IS NOT DISTINCT FROM $8"
    ))
    .bind(id)
    .bind(value)
    .bind(now)
    .bind(expected.scheduled_at)
    .bind(expected.checked_in_at)
    .bind(expected.started_at)
    .bind(expected.finished_at)
    .bind(expected.confirmed_at)
    .execute(&mut **w)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Records each player's place (`None` clears it).
pub async fn set_ranks(
    w: &mut PluginWrite,
    id: i64,
    ranks: &[(i64, Option<i64>)],
) -> Result<(), Error> {
    for (user, rank) in ranks {
        sqlx::query(
            "UPDATE match_players SET finish_rank = $3 WHERE match_id = $1 AND user_id = $2",
        )
        .bind(id)
        .bind(*user)
        .bind(*rank)
        .execute(&mut **w)
        .await?;
    }
    Ok(())
}

pub async fn set_station(
    w: &mut PluginWrite,
    id: i64,
    user: i64,
    station: Option<&str>,
) -> Result<(), Error> {
    sqlx::query("UPDATE match_players SET station = $3 WHERE match_id = $1 AND user_id = $2")
        .bind(id)
        .bind(user)
        .bind(station)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn delete(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM matches WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

//! Runs: a racer's attempt at a permalink, its clock, what they submitted and its review.

use sahabot_sdk::data::{PluginDb as Db, PluginWrite};
use sahabot_sdk::ssr::get_bool;
use sahabot_sdk::ssr::sqlx::{self, any::AnyRow, Row};
use sahabot_sdk::Error;

use crate::model::{ReviewStatus, Run, RunStatus};
use crate::service::leaderboard::RunFacts;

const SELECT: &str = "SELECT r.id, r.qualifier_id, r.pool_id, p.name AS pool_name,
    r.permalink_id, l.url AS permalink_url, r.user_id, u.display_name, r.status, r.revealed_at,
    r.started_at, r.finished_at, r.extended_until, r.reattempted, r.vod_url, r.notes,
    r.score_milli, r.review, r.reviewer_notes, rv.display_name AS reviewed_by, r.flag_reason
    FROM async_runs r
    JOIN async_qualifiers q ON q.id = r.qualifier_id
    JOIN async_pools p ON p.id = r.pool_id
    JOIN async_permalinks l ON l.id = r.permalink_id
    JOIN users u ON u.id = r.user_id
    LEFT JOIN users rv ON rv.id = r.reviewed_by";

fn stored<T>(value: Option<T>, what: &str, text: &str) -> Result<T, Error> {
    value.ok_or_else(|| Error::Conflict(format!("stored {what} `{text}` cannot be read")))
}

fn row(r: &AnyRow) -> Result<Run, Error> {
    let status: String = r.try_get("status")?;
    let review: String = r.try_get("review")?;
    let started_at: Option<i64> = r.try_get("started_at")?;
    let finished_at: Option<i64> = r.try_get("finished_at")?;
    let score: Option<i64> = r.try_get("score_milli")?;
    let status = stored(RunStatus::parse(&status), "run status", &status)?;
    Ok(Run {
        id: r.try_get("id")?,
        qualifier_id: r.try_get("qualifier_id")?,
        pool_id: r.try_get("pool_id")?,
        pool_name: r.try_get("pool_name")?,
        permalink_id: r.try_get("permalink_id")?,
        permalink_url: Some(r.try_get("permalink_url")?),
        user_id: r.try_get("user_id")?,
        display_name: r.try_get("display_name")?,
        status,
        revealed_at: r.try_get("revealed_at")?,
        started_at,
        finished_at,
        elapsed_ms: elapsed(status, started_at, finished_at),
        extended_until: r.try_get("extended_until")?,
        reattempted: get_bool(r, "reattempted")?,
        vod_url: r.try_get("vod_url")?,
        notes: r.try_get("notes")?,
        score: score.map(|s| s as f64 / 1000.0),
        review: stored(ReviewStatus::parse(&review), "review", &review)?,
        reviewer_notes: r.try_get("reviewer_notes")?,
        reviewed_by: r.try_get("reviewed_by")?,
        flag_reason: r.try_get("flag_reason")?,
    })
}

fn elapsed(status: RunStatus, started: Option<i64>, finished: Option<i64>) -> Option<i64> {
    match (status, started, finished) {
        (RunStatus::Finished | RunStatus::Disqualified, Some(s), Some(f)) => Some(f - s),
        _ => None,
    }
}

/// Which runs to list.
#[derive(Clone, Debug, Default)]
pub struct RunFilter {
    pub qualifier_id: Option<i64>,
    pub user_id: Option<i64>,
    pub permalink_id: Option<i64>,
    /// Finished, not reattempted, not yet accepted: what reviewers look at.
    pub review_queue: bool,
}

pub async fn list(db: &Db, org_id: i64, filter: &RunFilter) -> Result<Vec<Run>, Error> {
    let mut sql = format!("{SELECT} WHERE q.organization_id = $1");
    let mut values = Vec::new();
    for (value, column) in [
        (filter.qualifier_id, "r.qualifier_id"),
        (filter.user_id, "r.user_id"),
        (filter.permalink_id, "r.permalink_id"),
    ] {
        if let Some(value) = value {
            values.push(value);
            sql.push_str(&format!(" AND {column} = ${}", values.len() + 1));
        }
    }
    if filter.review_queue {
        sql.push_str(
            " AND r.status = 'finished' AND r.reattempted = FALSE AND r.review <> 'accepted'",
        );
    }
    sql.push_str(" ORDER BY r.revealed_at DESC, r.id DESC");
    let mut query = sqlx::query(&sql).bind(org_id);
    for value in values {
        query = query.bind(value);
    }
    let rows = query.fetch_all(db.pool()).await?;
    rows.iter().map(row).collect()
}

pub async fn get(db: &Db, org_id: i64, id: i64) -> Result<Option<Run>, Error> {
    let found = sqlx::query(&format!(
        "{SELECT} WHERE q.organization_id = $1 AND r.id = $2"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    found.as_ref().map(row).transpose()
}

pub async fn count_in_pool(db: &Db, pool_id: i64) -> Result<i64, Error> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM async_runs WHERE pool_id = $1")
            .bind(pool_id)
            .fetch_one(db.pool())
            .await?,
    )
}

pub async fn count_of_permalink(db: &Db, permalink_id: i64) -> Result<i64, Error> {
    Ok(
        sqlx::query_scalar("SELECT COUNT(*) FROM async_runs WHERE permalink_id = $1")
            .bind(permalink_id)
            .fetch_one(db.pool())
            .await?,
    )
}

const FACTS: &str = "SELECT id, user_id, pool_id, permalink_id, status, started_at, finished_at,
    reattempted, score_milli FROM async_runs WHERE qualifier_id = $1";

fn facts_row(r: &AnyRow) -> Result<(RunFacts, Option<i64>), Error> {
    let status: String = r.try_get("status")?;
    let status = stored(RunStatus::parse(&status), "run status", &status)?;
    let facts = RunFacts {
        id: r.try_get("id")?,
        user_id: r.try_get("user_id")?,
        pool_id: r.try_get("pool_id")?,
        permalink_id: r.try_get("permalink_id")?,
        status,
        elapsed_ms: elapsed(status, r.try_get("started_at")?, r.try_get("finished_at")?)
            .filter(|_| status == RunStatus::Finished),
        reattempted: get_bool(r, "reattempted")?,
    };
    Ok((facts, r.try_get("score_milli")?))
}

/// What scoring needs of every run of the qualifier, with its stored score.
pub async fn facts(db: &Db, qualifier_id: i64) -> Result<Vec<(RunFacts, Option<i64>)>, Error> {
    let rows = sqlx::query(FACTS)
        .bind(qualifier_id)
        .fetch_all(db.pool())
        .await?;
    rows.iter().map(facts_row).collect()
}

/// [`facts`], read inside the rescoring's write (after it took the qualifier's turn).
pub async fn facts_in(
    w: &mut PluginWrite,
    qualifier_id: i64,
) -> Result<Vec<(RunFacts, Option<i64>)>, Error> {
    let rows = sqlx::query(FACTS)
        .bind(qualifier_id)
        .fetch_all(&mut **w)
        .await?;
    rows.iter().map(facts_row).collect()
}

/// Everyone who ran the qualifier, with their name.
pub async fn racers(db: &Db, qualifier_id: i64) -> Result<Vec<(i64, String)>, Error> {
    let rows = sqlx::query(
        "SELECT DISTINCT r.user_id, u.display_name FROM async_runs r
         JOIN users u ON u.id = r.user_id WHERE r.qualifier_id = $1",
    )
    .bind(qualifier_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| Ok((r.try_get("user_id")?, r.try_get("display_name")?)))
        .collect()
}

/// The score of each run, as stored (thousandths of a point).
pub async fn set_score(
    w: &mut PluginWrite,
    id: i64,
    score_milli: Option<i64>,
) -> Result<(), Error> {
    sqlx::query("UPDATE async_runs SET score_milli = $1 WHERE id = $2")
        .bind(score_milli)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

/// The user's runs of the qualifier, for picking: (pool, permalink, reattempted).
pub async fn picks(
    db: &Db,
    qualifier_id: i64,
    user_id: i64,
) -> Result<Vec<(i64, i64, bool)>, Error> {
    let rows = sqlx::query(
        "SELECT pool_id, permalink_id, reattempted FROM async_runs
         WHERE qualifier_id = $1 AND user_id = $2",
    )
    .bind(qualifier_id)
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("pool_id")?,
                r.try_get("permalink_id")?,
                get_bool(r, "reattempted")?,
            ))
        })
        .collect()
}

/// The racer's active run anywhere, if any.
pub async fn active_of(db: &Db, user_id: i64) -> Result<Option<i64>, Error> {
    Ok(sqlx::query_scalar(
        "SELECT id FROM async_runs WHERE user_id = $1 AND status IN ('pending', 'in_progress')",
    )
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?)
}

/// A new pending run; `None` when the racer has an active run already (the unique index
/// decides between two requests racing).
pub async fn insert(
    w: &mut PluginWrite,
    qualifier_id: i64,
    pool_id: i64,
    permalink_id: i64,
    user_id: i64,
    now: i64,
) -> Result<Option<i64>, Error> {
    let inserted = sqlx::query_scalar(
        "INSERT INTO async_runs (qualifier_id, pool_id, permalink_id, user_id, status,
            revealed_at)
         VALUES ($1, $2, $3, $4, 'pending', $5)
         ON CONFLICT DO NOTHING RETURNING id",
    )
    .bind(qualifier_id)
    .bind(pool_id)
    .bind(permalink_id)
    .bind(user_id)
    .bind(now)
    .fetch_optional(&mut **w)
    .await?;
    Ok(inserted)
}

/// Moves the run from `from` to `to`, setting the clock's start or end when given; `false`
/// when it was no longer in `from` (someone else moved it first).
pub async fn set_status(
    w: &mut PluginWrite,
    id: i64,
    from: RunStatus,
    to: RunStatus,
    started_at: Option<i64>,
    finished_at: Option<i64>,
) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE async_runs SET status = $1,
            started_at = COALESCE($2, started_at), finished_at = COALESCE($3, finished_at)
         WHERE id = $4 AND status = $5",
    )
    .bind(to.as_str())
    .bind(started_at)
    .bind(finished_at)
    .bind(id)
    .bind(from.as_str())
    .execute(&mut **w)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn set_submission(
    w: &mut PluginWrite,
    id: i64,
    vod_url: Option<&str>,
    notes: &str,
) -> Result<(), Error> {
    sqlx::query("UPDATE async_runs SET vod_url = $1, notes = $2 WHERE id = $3")
        .bind(vod_url)
        .bind(notes)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn set_flag(w: &mut PluginWrite, id: i64, reason: &str) -> Result<(), Error> {
    sqlx::query("UPDATE async_runs SET flag_reason = $1 WHERE id = $2")
        .bind(reason)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn set_review(
    w: &mut PluginWrite,
    id: i64,
    review: ReviewStatus,
    notes: &str,
    reviewer: i64,
    now: i64,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE async_runs SET review = $1, reviewer_notes = $2, reviewed_by = $3,
            reviewed_at = $4 WHERE id = $5",
    )
    .bind(review.as_str())
    .bind(notes)
    .bind(reviewer)
    .bind(now)
    .bind(id)
    .execute(&mut **w)
    .await?;
    Ok(())
}

/// A reviewer's correction of the time: the start moves so that the run lasted `elapsed_ms`.
pub async fn set_started_at(w: &mut PluginWrite, id: i64, started_at: i64) -> Result<(), Error> {
    sqlx::query("UPDATE async_runs SET started_at = $1 WHERE id = $2")
        .bind(started_at)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn set_reattempted(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("UPDATE async_runs SET reattempted = TRUE WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

/// The run's private thread in Discord, and its racer's Discord account.
pub async fn set_discord(
    w: &mut PluginWrite,
    id: i64,
    thread_id: i64,
    discord_user_id: i64,
) -> Result<(), Error> {
    sqlx::query("UPDATE async_runs SET discord_thread_id = $1, discord_user_id = $2 WHERE id = $3")
        .bind(thread_id)
        .bind(discord_user_id)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

/// The run whose private thread `thread_id` is.
pub async fn in_thread(db: &Db, org_id: i64, thread_id: i64) -> Result<Option<i64>, Error> {
    Ok(sqlx::query_scalar(
        "SELECT r.id FROM async_runs r JOIN async_qualifiers q ON q.id = r.qualifier_id
         WHERE q.organization_id = $1 AND r.discord_thread_id = $2",
    )
    .bind(org_id)
    .bind(thread_id)
    .fetch_optional(db.pool())
    .await?)
}

/// Marks a pending run as warned of its timeout; `false` when it was already (another
/// instance warns) or is no longer pending.
pub async fn claim_warning(w: &mut PluginWrite, id: i64) -> Result<bool, Error> {
    let done = sqlx::query(
        "UPDATE async_runs SET warned = TRUE
         WHERE id = $1 AND warned = FALSE AND status = 'pending'",
    )
    .bind(id)
    .execute(&mut **w)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The warning could not be posted: the next round tries again.
pub async fn release_warning(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("UPDATE async_runs SET warned = FALSE WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

pub async fn set_extended(w: &mut PluginWrite, id: i64, until: i64) -> Result<(), Error> {
    sqlx::query("UPDATE async_runs SET extended_until = $1, warned = FALSE WHERE id = $2")
        .bind(until)
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

/// An active run, as the timeouts see it.
pub struct Active {
    pub id: i64,
    pub qualifier_id: i64,
    pub user_id: i64,
    pub status: RunStatus,
    pub revealed_at: i64,
    pub started_at: Option<i64>,
    pub extended_until: Option<i64>,
    pub warned: bool,
    pub discord_thread_id: Option<i64>,
    pub discord_user_id: Option<i64>,
}

pub async fn active(db: &Db, org_id: i64) -> Result<Vec<Active>, Error> {
    let rows = sqlx::query(
        "SELECT r.id, r.qualifier_id, r.user_id, r.status, r.revealed_at, r.started_at,
            r.extended_until, r.warned, r.discord_thread_id, r.discord_user_id
         FROM async_runs r JOIN async_qualifiers q ON q.id = r.qualifier_id
         WHERE q.organization_id = $1 AND r.status IN ('pending', 'in_progress')",
    )
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let status: String = r.try_get("status")?;
            Ok(Active {
                id: r.try_get("id")?,
                qualifier_id: r.try_get("qualifier_id")?,
                user_id: r.try_get("user_id")?,
                status: stored(RunStatus::parse(&status), "run status", &status)?,
                revealed_at: r.try_get("revealed_at")?,
                started_at: r.try_get("started_at")?,
                extended_until: r.try_get("extended_until")?,
                warned: get_bool(r, "warned")?,
                discord_thread_id: r.try_get("discord_thread_id")?,
                discord_user_id: r.try_get("discord_user_id")?,
            })
        })
        .collect()
}

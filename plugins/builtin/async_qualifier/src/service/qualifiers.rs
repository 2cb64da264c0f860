//! Qualifiers: their settings, and who sees their results.

use sahabot_sdk::serde_json::json;
use sahabot_sdk::{text, time, Error};

use super::caller::Caller;
use crate::model::{Qualifier, QualifierForm};
use crate::repo::qualifiers as repo;

/// The most runs per pool a qualifier may ask for.
pub const MAX_RUNS_PER_POOL: i64 = 20;

pub async fn list(caller: &Caller) -> Result<Vec<Qualifier>, Error> {
    let kept = caller
        .db
        .kept(
            &format!("qualifiers:{}", caller.org_id),
            repo::list(&caller.db, caller.org_id),
        )
        .await?;
    Ok(kept.as_ref().clone())
}

/// The qualifier `id` of the organization; not found otherwise.
pub async fn get(caller: &Caller, id: i64) -> Result<Qualifier, Error> {
    repo::get(&caller.db, caller.org_id, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no qualifier {id} here")))
}

/// Whether runs may be started in the qualifier at `now`, or why not.
pub fn open_for_runs(q: &Qualifier, now: i64) -> Result<(), Error> {
    if !q.is_active {
        return Err(Error::Conflict(format!("`{}` is not active", q.name)));
    }
    if q.opens_at.is_some_and(|at| now < at) {
        return Err(Error::Conflict(format!("`{}` has not opened yet", q.name)));
    }
    if q.closes_at.is_some_and(|at| now >= at) {
        return Err(Error::Conflict(format!("`{}` has closed", q.name)));
    }
    Ok(())
}

/// Whether the caller sees scores and the leaderboard: always, unless the qualifier hides
/// them until it is over (then organizers and those who read every run only).
pub fn results_shown(caller: &Caller, q: &Qualifier, now: i64) -> bool {
    let over = !q.is_active || q.closes_at.is_some_and(|at| now >= at);
    !q.hide_results || over || caller.read || caller.manage
}

fn checked(form: &QualifierForm) -> Result<QualifierForm, Error> {
    let mut clean = form.clone();
    clean.name = text::one_line("name", &form.name, 100)?;
    clean.description = text::multi_line("description", &form.description, 2000)?;
    clean.opens_at = time::check_instant("opens_at", form.opens_at)?;
    clean.closes_at = time::check_instant("closes_at", form.closes_at)?;
    if let (Some(opens), Some(closes)) = (clean.opens_at, clean.closes_at) {
        if closes <= opens {
            return Err(Error::Invalid {
                field: "closes_at",
                message: "cannot close before it opens".into(),
            });
        }
    }
    if !(1..=MAX_RUNS_PER_POOL).contains(&form.runs_per_pool) {
        return Err(Error::Invalid {
            field: "runs_per_pool",
            message: format!("must be between 1 and {MAX_RUNS_PER_POOL}"),
        });
    }
    if form.max_reattempts.is_some_and(|n| !(0..=100).contains(&n)) {
        return Err(Error::Invalid {
            field: "max_reattempts",
            message: "must be between 0 and 100, or empty for no limit".into(),
        });
    }
    Ok(clean)
}

pub async fn create(caller: &Caller, form: &QualifierForm) -> Result<i64, Error> {
    caller.require(caller.manage, "create qualifiers")?;
    let form = checked(form)?;
    if repo::name_taken(&caller.db, caller.org_id, &form.name, 0).await? {
        return Err(Error::Conflict(format!(
            "a qualifier named `{}` exists already",
            form.name
        )));
    }
    let mut w = caller.db.write().await?;
    let id = repo::insert(&mut w, caller.org_id, &form, time::now_millis()).await?;
    w.audit("qualifier_created", json!({"id": id, "name": form.name}))
        .await?;
    w.commit().await?;
    Ok(id)
}

/// Changes a qualifier's settings; scores follow (runs per pool weighs the leaderboard).
pub async fn update(caller: &Caller, id: i64, form: &QualifierForm) -> Result<(), Error> {
    caller.require(caller.manage, "change qualifiers")?;
    get(caller, id).await?;
    let form = checked(form)?;
    if repo::name_taken(&caller.db, caller.org_id, &form.name, id).await? {
        return Err(Error::Conflict(format!(
            "a qualifier named `{}` exists already",
            form.name
        )));
    }
    let mut w = caller.db.write().await?;
    repo::update(&mut w, id, &form, time::now_millis()).await?;
    w.audit("qualifier_updated", json!({"id": id, "name": form.name}))
        .await?;
    w.commit().await
}

/// Deletes a qualifier nobody has run (one with runs is closed instead: runs are kept).
pub async fn delete(caller: &Caller, id: i64) -> Result<(), Error> {
    caller.require(caller.manage, "delete qualifiers")?;
    let q = get(caller, id).await?;
    if q.run_count > 0 {
        return Err(Error::Conflict(format!(
            "`{}` has {} runs: mark it inactive instead of deleting it",
            q.name, q.run_count
        )));
    }
    let mut w = caller.db.write().await?;
    repo::delete(&mut w, id).await?;
    w.audit("qualifier_deleted", json!({"id": id, "name": q.name}))
        .await?;
    w.commit().await
}

/// Records the Discord channel where the qualifier's start button now is; runs started there
/// open their private threads in it.
pub async fn set_channel(caller: &Caller, id: i64, channel: i64) -> Result<(), Error> {
    caller.require(caller.manage, "post qualifiers in Discord")?;
    get(caller, id).await?;
    let mut w = caller.db.write().await?;
    repo::set_channel(&mut w, id, channel).await?;
    w.audit(
        "qualifier_posted",
        json!({"id": id, "discord_channel_id": channel.to_string()}),
    )
    .await?;
    w.commit().await
}

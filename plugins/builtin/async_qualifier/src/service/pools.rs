//! Pools and their permalinks: a URL an organizer pastes, or a seed rolled from a preset
//! through Presets. A permalink somebody ran is kept as it is (its runs and par depend on it).

use sahabot_sdk::seeds::{Origin, PresetRef, SeedRoller};
use sahabot_sdk::serde_json::json;
use sahabot_sdk::{text, time, Error};

use super::caller::Caller;
use super::qualifiers;
use crate::model::{Permalink, Pool};
use crate::repo::{pools as repo, qualifiers as qualifier_repo, runs};

pub async fn list(caller: &Caller, qualifier_id: i64) -> Result<Vec<Pool>, Error> {
    qualifiers::get(caller, qualifier_id).await?;
    repo::list(&caller.db, qualifier_id).await
}

/// The pool `id` of qualifier `qualifier_id`.
pub async fn get(caller: &Caller, qualifier_id: i64, id: i64) -> Result<Pool, Error> {
    list(caller, qualifier_id)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::NotFound(format!("there is no pool {id} in this qualifier")))
}

pub async fn create(caller: &Caller, qualifier_id: i64, name: &str) -> Result<i64, Error> {
    caller.require(caller.manage, "change pools")?;
    qualifiers::get(caller, qualifier_id).await?;
    let name = text::one_line("name", name, 60)?;
    if repo::name_taken(&caller.db, qualifier_id, &name, 0).await? {
        return Err(Error::Conflict(format!(
            "a pool named `{name}` exists already"
        )));
    }
    let mut w = caller.db.write().await?;
    let id = repo::insert(&mut w, qualifier_id, &name).await?;
    qualifier_repo::bump_score_version(&mut w, qualifier_id).await?;
    w.audit(
        "pool_created",
        json!({"id": id, "qualifier_id": qualifier_id, "name": name}),
    )
    .await?;
    w.commit().await?;
    Ok(id)
}

pub async fn rename(caller: &Caller, qualifier_id: i64, id: i64, name: &str) -> Result<(), Error> {
    caller.require(caller.manage, "change pools")?;
    get(caller, qualifier_id, id).await?;
    let name = text::one_line("name", name, 60)?;
    if repo::name_taken(&caller.db, qualifier_id, &name, id).await? {
        return Err(Error::Conflict(format!(
            "a pool named `{name}` exists already"
        )));
    }
    let mut w = caller.db.write().await?;
    repo::rename(&mut w, id, &name).await?;
    w.audit("pool_renamed", json!({"id": id, "name": name}))
        .await?;
    w.commit().await
}

/// Deletes a pool nobody has run, with its permalinks.
pub async fn delete(caller: &Caller, qualifier_id: i64, id: i64) -> Result<(), Error> {
    caller.require(caller.manage, "change pools")?;
    let pool = get(caller, qualifier_id, id).await?;
    if runs::count_in_pool(&caller.db, id).await? > 0 {
        return Err(Error::Conflict(format!(
            "`{}` has runs: its permalinks and their results are kept",
            pool.name
        )));
    }
    let mut w = caller.db.write().await?;
    repo::delete(&mut w, id).await?;
    qualifier_repo::bump_score_version(&mut w, qualifier_id).await?;
    w.audit("pool_deleted", json!({"id": id, "name": pool.name}))
        .await?;
    w.commit().await
}

pub async fn permalinks(caller: &Caller, qualifier_id: i64) -> Result<Vec<Permalink>, Error> {
    qualifiers::get(caller, qualifier_id).await?;
    repo::permalinks(&caller.db, qualifier_id).await
}

/// The permalinks as the caller may see them: the addresses are for organizers and
/// reviewers (a racer sees a seed when their run reveals it).
pub async fn permalinks_shown(caller: &Caller, qualifier_id: i64) -> Result<Vec<Permalink>, Error> {
    let mut found = permalinks(caller, qualifier_id).await?;
    if !(caller.manage || caller.read || caller.review) {
        for permalink in &mut found {
            permalink.url.clear();
        }
    }
    Ok(found)
}

pub async fn permalink(caller: &Caller, qualifier_id: i64, id: i64) -> Result<Permalink, Error> {
    permalinks(caller, qualifier_id)
        .await?
        .into_iter()
        .find(|p| p.id == id)
        .ok_or_else(|| Error::NotFound(format!("there is no permalink {id} in this qualifier")))
}

fn checked_url(url: &str) -> Result<String, Error> {
    let url = text::one_line("url", url, 500)?;
    if !(url.starts_with("https://") || url.starts_with("http://")) {
        return Err(Error::Invalid {
            field: "url",
            message: "must be a web address (https://…)".into(),
        });
    }
    Ok(url)
}

/// Adds a permalink of the organizer's: a URL and notes.
pub async fn add_permalink(
    caller: &Caller,
    qualifier_id: i64,
    pool_id: i64,
    url: &str,
    notes: &str,
) -> Result<i64, Error> {
    caller.require(caller.manage, "change permalinks")?;
    get(caller, qualifier_id, pool_id).await?;
    let url = checked_url(url)?;
    let notes = text::multi_line("notes", notes, 1000)?;
    insert(caller, pool_id, &url, &notes, None).await
}

/// Rolls a seed from `randomizer`'s `preset` through Presets and adds it to the pool.
pub async fn roll_permalink(
    caller: &Caller,
    qualifier_id: i64,
    pool_id: i64,
    randomizer: &str,
    preset: &str,
    notes: &str,
) -> Result<i64, Error> {
    caller.require(caller.manage, "change permalinks")?;
    get(caller, qualifier_id, pool_id).await?;
    let notes = text::multi_line("notes", notes, 1000)?;
    let roller = caller
        .db
        .service::<dyn SeedRoller>("presets")
        .await
        .map_err(|_| Error::Invalid {
            field: "preset",
            message: "seeds are rolled from presets: turn on the Presets plugin first".into(),
        })?;
    let enabled = roller.api.randomizers(roller.db.clone()).await?;
    let Some((randomizer, _)) = enabled.iter().find(|(id, _)| *id == randomizer) else {
        return Err(Error::Invalid {
            field: "randomizer",
            message: format!("`{randomizer}` is not a randomizer enabled here"),
        });
    };
    let rolled = roller
        .api
        .roll(
            roller.db.clone(),
            randomizer,
            PresetRef::any(preset.trim()),
            Origin::Qualifier,
        )
        .await?;
    let Some(url) = rolled.permalink else {
        return Err(Error::Conflict(format!(
            "the seed could not be rolled: {}",
            rolled.error.unwrap_or_else(|| "no reason given".into())
        )));
    };
    insert(caller, pool_id, &url, &notes, Some(&rolled.preset)).await
}

async fn insert(
    caller: &Caller,
    pool_id: i64,
    url: &str,
    notes: &str,
    preset: Option<&str>,
) -> Result<i64, Error> {
    let mut w = caller.db.write().await?;
    let id =
        repo::insert_permalink(&mut w, pool_id, url, notes, preset, time::now_millis()).await?;
    w.audit(
        "permalink_added",
        json!({"id": id, "pool_id": pool_id, "url": url, "preset": preset}),
    )
    .await?;
    w.commit().await?;
    Ok(id)
}

/// Changes a permalink's notes, and its URL while nobody has run it.
pub async fn update_permalink(
    caller: &Caller,
    qualifier_id: i64,
    id: i64,
    url: &str,
    notes: &str,
) -> Result<(), Error> {
    caller.require(caller.manage, "change permalinks")?;
    let current = permalink(caller, qualifier_id, id).await?;
    let url = checked_url(url)?;
    let notes = text::multi_line("notes", notes, 1000)?;
    if url != current.url && runs::count_of_permalink(&caller.db, id).await? > 0 {
        return Err(Error::Conflict(
            "the permalink has been run: its address is kept (add a new one instead)".into(),
        ));
    }
    let mut w = caller.db.write().await?;
    repo::update_permalink(&mut w, id, &url, &notes).await?;
    w.audit("permalink_updated", json!({"id": id, "url": url}))
        .await?;
    w.commit().await
}

pub async fn delete_permalink(caller: &Caller, qualifier_id: i64, id: i64) -> Result<(), Error> {
    caller.require(caller.manage, "change permalinks")?;
    let current = permalink(caller, qualifier_id, id).await?;
    if runs::count_of_permalink(&caller.db, id).await? > 0 {
        return Err(Error::Conflict(
            "the permalink has been run: it is kept with its runs".into(),
        ));
    }
    let mut w = caller.db.write().await?;
    repo::delete_permalink(&mut w, id).await?;
    w.audit("permalink_deleted", json!({"id": id, "url": current.url}))
        .await?;
    w.commit().await
}

//! The organization's stream channels, where matches are shown.

use sahabot_sdk::serde_json::json;
use sahabot_sdk::{text, Error};

use super::caller::Caller;
use crate::model::StreamChannel;
use crate::repo::channels as repo;

pub async fn list(caller: &Caller) -> Result<Vec<StreamChannel>, Error> {
    repo::list(&caller.db, caller.org_id).await
}

pub async fn get(caller: &Caller, id: i64) -> Result<StreamChannel, Error> {
    repo::get(&caller.db, caller.org_id, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no stream channel {id} here")))
}

/// A channel's name and address, checked.
fn checked(name: &str, url: &str) -> Result<(String, String), Error> {
    let name = text::one_line("name", name, 60)?;
    let url = text::one_line("url", url, 300)?;
    if !(url.starts_with("https://") || url.starts_with("http://")) || url.contains(' ') {
        return Err(Error::Invalid {
            field: "url",
            message: "must be a web address starting with https://".into(),
        });
    }
    Ok((name, url))
}

async fn name_taken(caller: &Caller, name: &str, except: i64) -> Result<(), Error> {
    if list(caller)
        .await?
        .iter()
        .any(|c| c.name == name && c.id != except)
    {
        return Err(Error::Conflict(format!(
            "a channel named `{name}` exists already"
        )));
    }
    Ok(())
}

pub async fn create(caller: &Caller, name: &str, url: &str) -> Result<i64, Error> {
    caller.require(caller.manage, "manage stream channels")?;
    let (name, url) = checked(name, url)?;
    name_taken(caller, &name, 0).await?;
    let mut w = caller.db.write().await?;
    let id = repo::insert(&mut w, caller.org_id, &name, &url).await?;
    w.audit(
        "channel_created",
        json!({"id": id, "name": name, "url": url}),
    )
    .await?;
    w.commit().await?;
    Ok(id)
}

pub async fn update(caller: &Caller, id: i64, name: &str, url: &str) -> Result<(), Error> {
    caller.require(caller.manage, "manage stream channels")?;
    get(caller, id).await?;
    let (name, url) = checked(name, url)?;
    name_taken(caller, &name, id).await?;
    let mut w = caller.db.write().await?;
    repo::update(&mut w, id, &name, &url).await?;
    w.audit(
        "channel_updated",
        json!({"id": id, "name": name, "url": url}),
    )
    .await?;
    w.commit().await
}

/// Deletes a channel; its matches keep being shown, without a stream.
pub async fn delete(caller: &Caller, id: i64) -> Result<(), Error> {
    caller.require(caller.manage, "manage stream channels")?;
    let channel = get(caller, id).await?;
    let mut w = caller.db.write().await?;
    repo::delete(&mut w, id).await?;
    w.audit("channel_deleted", json!({"id": id, "name": channel.name}))
        .await?;
    w.commit().await
}

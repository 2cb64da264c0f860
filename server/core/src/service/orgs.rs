use serde_json::json;

use super::{record_in, Actor};
use crate::db::Db;
use crate::error::{Error, Result};
use crate::repo::{org_requests, orgs};

/// Creates an organization directly (SUPERADMIN).
pub async fn create(
    db: &Db,
    actor: &Actor,
    slug: &str,
    name: &str,
    description: &str,
) -> Result<i64> {
    let mut w = db.write().await?;
    let id = orgs::create_in(&mut w, slug, name, description).await?;
    record_in(
        &mut w,
        actor,
        Some(id),
        "org.created",
        json!({ "slug": slug }),
    )
    .await?;
    w.commit().await?;
    Ok(id)
}

/// Changes an organization's name, description, Discord server and who may see its member
/// list; returns the server it had
/// before when that changed. Anyone who may change the settings may unlink the server; linking
/// a new one by its id is for SUPERADMIN, others go through the bot invite, which checks that
/// they administer it.
pub async fn update_settings(
    db: &Db,
    actor: &Actor,
    org_id: i64,
    name: &str,
    description: &str,
    discord_guild_id: &str,
    member_list_public: bool,
) -> Result<Option<Option<i64>>> {
    let guild = orgs::parse_guild_id(discord_guild_id)?;
    let before = orgs::settings(db, org_id).await?.discord_guild_id;
    let before: Option<i64> = before.and_then(|g| g.parse().ok());
    if guild.is_some() && guild != before {
        let superadmin = crate::repo::users::auth_record_by_id(db, actor.user_id)
            .await?
            .is_some_and(|u| u.permission == crate::model::Permission::Superadmin);
        if !superadmin {
            return Err(Error::Invalid {
                field: "discord_guild_id",
                message: "link a server with “Link a Discord server” on the organization's \
                          Discord page, which checks that you administer it"
                    .into(),
            });
        }
    }
    let mut w = db.write().await?;
    orgs::update_settings(&mut w, org_id, name, description, guild, member_list_public).await?;
    record_in(&mut w,
        actor,
        Some(org_id),
        "org.updated",
        json!({ "name": name.trim(), "description": description.trim(), "discord_guild_id": guild.map(|g| g.to_string()), "member_list_public": member_list_public }),
    )
    .await?;
    w.commit().await?;
    Ok((guild != before).then_some(before))
}

pub async fn file_request(
    db: &Db,
    actor: &Actor,
    request: &org_requests::NewRequest<'_>,
) -> Result<i64> {
    let mut w = db.write().await?;
    let id = org_requests::file(&mut w, actor.user_id, request).await?;
    record_in(
        &mut w,
        actor,
        None,
        "org_request.filed",
        json!({ "request_id": id, "slug": request.slug }),
    )
    .await?;
    w.commit().await?;
    Ok(id)
}

/// Approves (creating the organization, its requester its first Admin; returns its slug) or
/// rejects.
pub async fn decide_request(
    db: &Db,
    actor: &Actor,
    request_id: i64,
    approve: bool,
    note: &str,
) -> Result<Option<String>> {
    let mut w = db.write().await?;
    if approve {
        let (org_id, request) =
            org_requests::approve(&mut w, request_id, actor.user_id, note).await?;
        record_in(&mut w,
            actor,
            Some(org_id),
            "org_request.approved",
            json!({ "request_id": request_id, "slug": request.slug, "requested_by": request.requested_by }),
        )
        .await?;
        w.commit().await?;
        Ok(Some(request.slug))
    } else {
        let request = org_requests::reject(&mut w, request_id, actor.user_id, note).await?;
        record_in(
            &mut w,
            actor,
            None,
            "org_request.rejected",
            json!({ "request_id": request_id, "slug": request.slug, "note": note.trim() }),
        )
        .await?;
        w.commit().await?;
        Ok(None)
    }
}

/// Archives or restores the organization `slug` (SUPERADMIN); returns the Discord server
/// linked to it, whose commands follow.
pub async fn set_archived(
    db: &Db,
    actor: &Actor,
    slug: &str,
    archived: bool,
) -> Result<Option<i64>> {
    let (id, _, active) = orgs::any_by_slug(db, slug)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no organization `{slug}`")))?;
    if active != archived {
        let state = if archived { "archived" } else { "active" };
        return Err(Error::Conflict(format!("`{slug}` is already {state}")));
    }
    let guild = orgs::settings(db, id)
        .await?
        .discord_guild_id
        .and_then(|g| g.parse().ok());
    let mut w = db.write().await?;
    orgs::set_active(&mut w, id, !archived).await?;
    let action = if archived {
        "org.archived"
    } else {
        "org.restored"
    };
    record_in(&mut w, actor, Some(id), action, json!({ "slug": slug })).await?;
    w.commit().await?;
    Ok(guild)
}

/// Deletes an archived organization for good (SUPERADMIN); `confirmation` must repeat its
/// address.
pub async fn delete_archived(db: &Db, actor: &Actor, slug: &str, confirmation: &str) -> Result<()> {
    if confirmation.trim() != slug {
        return Err(Error::Invalid {
            field: "confirmation",
            message: format!("type the organization's address, `{slug}`, to delete it"),
        });
    }
    let (id, name, _) = orgs::any_by_slug(db, slug)
        .await?
        .ok_or_else(|| Error::NotFound(format!("no organization `{slug}`")))?;
    let mut w = db.write().await?;
    // Recorded first: the entry outlives the organization (its link is emptied).
    record_in(
        &mut w,
        actor,
        Some(id),
        "org.deleted",
        json!({ "slug": slug, "name": name }),
    )
    .await?;
    orgs::delete_archived(&mut w, id).await?;
    w.commit().await
}

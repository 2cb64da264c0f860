use sqlx::Row;

use crate::db::Db;
use crate::error::{Error, Result};
use crate::model::OrgSummary;
use crate::repo::paging::Window;
use crate::time::now_millis;
use crate::write::Write;

/// Slugs appear in URLs (`/org/{slug}`): lowercase letters, digits and dashes, 2–40 long.
pub fn validate_slug(slug: &str) -> Result<()> {
    let ok_chars = slug
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if !(2..=40).contains(&slug.len()) || !ok_chars || slug.starts_with('-') {
        return Err(Error::Invalid {
            field: "slug",
            message: "use 2 to 40 lowercase letters, digits or dashes, not starting with a dash"
                .into(),
        });
    }
    Ok(())
}

/// An organization's name, as it is stored.
pub fn checked_name(name: &str) -> Result<String> {
    Ok(crate::text::one_line("name", name, 100)?)
}

/// An organization's description, as it is stored.
pub fn checked_description(description: &str) -> Result<String> {
    Ok(crate::text::multi_line("description", description, 500)?)
}

/// Creates an organization with its built-in roles and its plugin rows (every installed public
/// plugin, enabled as its default says).
pub async fn create(db: &Db, slug: &str, name: &str, description: &str) -> Result<i64> {
    let mut tx = db.write().await?;
    let id = create_in(&mut tx, slug, name, description).await?;
    tx.commit().await?;
    Ok(id)
}

/// [`create`] inside the caller's transaction.
pub async fn create_in(
    conn: &mut crate::write::Write,
    slug: &str,
    name: &str,
    description: &str,
) -> Result<i64> {
    validate_slug(slug)?;
    let name = &checked_name(name)?;
    let description = checked_description(description)?;
    let taken: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM organizations WHERE slug = $1 OR LOWER(name) = LOWER($2)",
    )
    .bind(slug)
    .bind(name)
    .fetch_optional(&mut **conn)
    .await?;
    if taken.is_some() {
        return Err(Error::Conflict(format!(
            "an organization with the slug `{slug}` or the name `{name}` already exists"
        )));
    }
    let now = now_millis();
    let id = sqlx::query_scalar(
        "INSERT INTO organizations (slug, name, description, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $4) RETURNING id",
    )
    .bind(slug)
    .bind(name)
    .bind(description)
    .bind(now)
    .fetch_one(&mut **conn)
    .await?;
    crate::repo::roles::ensure_builtin(conn, id).await?;
    crate::repo::plugins::init_org_in(conn, id).await?;
    conn.emit(
        None,
        &crate::events::OrganizationCreated {
            organization_id: id,
            slug: slug.to_owned(),
        },
    )
    .await?;
    Ok(id)
}

const SUMMARY: &str = "SELECT o.slug, o.name, o.description, COUNT(m.id) AS member_count
     FROM organizations o LEFT JOIN organization_members m ON m.organization_id = o.id";

fn summary(row: &sqlx::any::AnyRow) -> Result<OrgSummary> {
    Ok(OrgSummary {
        slug: row.try_get("slug")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        member_count: row.try_get("member_count")?,
    })
}

/// Active organizations, by name.
pub async fn list(db: &Db) -> Result<Vec<OrgSummary>> {
    let rows = sqlx::query(&format!(
        "{SUMMARY} WHERE o.is_active = TRUE GROUP BY o.id, o.slug, o.name, o.description ORDER BY o.name"
    ))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(summary).collect()
}

/// Every organization, active or not, by name, one page at a time.
pub async fn page_all(db: &Db, window: Window) -> Result<crate::model::Page<crate::model::OrgRow>> {
    let total: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations")
        .fetch_one(db.pool())
        .await?;
    let rows = sqlx::query(
        "SELECT o.slug, o.name, o.is_active, o.created_at,
                (SELECT COUNT(*) FROM organization_members m WHERE m.organization_id = o.id) AS member_count
         FROM organizations o ORDER BY o.name LIMIT $1 OFFSET $2",
    )
    .bind(window.per_page())
    .bind(window.offset())
    .fetch_all(db.pool())
    .await?;
    let items = rows
        .iter()
        .map(|row| {
            Ok(crate::model::OrgRow {
                slug: row.try_get("slug")?,
                name: row.try_get("name")?,
                member_count: row.try_get("member_count")?,
                is_active: crate::db::get_bool(row, "is_active")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect::<Result<_>>()?;
    Ok(window.page(items, total))
}

/// The active organizations a user belongs to, by name.
pub async fn of_user(db: &Db, user_id: i64) -> Result<Vec<OrgSummary>> {
    let rows = sqlx::query(&format!(
        "{SUMMARY} WHERE o.is_active = TRUE AND o.id IN
            (SELECT organization_id FROM organization_members WHERE user_id = $1)
         GROUP BY o.id, o.slug, o.name, o.description ORDER BY o.name"
    ))
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(summary).collect()
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<OrgSummary>> {
    let row = sqlx::query(&format!(
        "{SUMMARY} WHERE o.slug = $1 AND o.is_active = TRUE GROUP BY o.id, o.slug, o.name, o.description"
    ))
    .bind(slug)
    .fetch_optional(db.pool())
    .await?;
    row.as_ref().map(summary).transpose()
}

/// The id and name of an active organization, in one indexed lookup.
pub async fn id_and_name(db: &Db, slug: &str) -> Result<Option<(i64, String)>> {
    let row =
        sqlx::query("SELECT id, name FROM organizations WHERE slug = $1 AND is_active = TRUE")
            .bind(slug)
            .fetch_optional(db.pool())
            .await?;
    row.map(|row| Ok((row.try_get("id")?, row.try_get("name")?)))
        .transpose()
}

pub async fn settings(db: &Db, id: i64) -> Result<crate::model::OrgSettings> {
    let row =
        sqlx::query("SELECT name, description, discord_guild_id, member_list_public FROM organizations WHERE id = $1")
            .bind(id)
            .fetch_optional(db.pool())
            .await?
            .ok_or_else(|| Error::NotFound("no such organization".into()))?;
    Ok(crate::model::OrgSettings {
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        discord_guild_id: row
            .try_get::<Option<i64>, _>("discord_guild_id")?
            .map(|id| id.to_string()),
        member_list_public: crate::db::get_bool(&row, "member_list_public")?,
    })
}

/// A Discord server id as people paste it: 17 to 20 digits, or empty for none.
pub fn parse_guild_id(text: &str) -> Result<Option<i64>> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(None);
    }
    let invalid = || Error::Invalid {
        field: "discord_guild_id",
        message: "a Discord server id is 17 to 20 digits (Server Settings → Widget, or Copy ID)"
            .into(),
    };
    if !(17..=20).contains(&text.len()) || !text.chars().all(|c| c.is_ascii_digit()) {
        return Err(invalid());
    }
    text.parse::<i64>().map(Some).map_err(|_| invalid())
}

/// Changes an organization's name, description and Discord server; a server belongs to one
/// organization at most.
pub async fn update_settings(
    w: &mut Write,
    id: i64,
    name: &str,
    description: &str,
    guild_id: Option<i64>,
    member_list_public: bool,
) -> Result<()> {
    let name = checked_name(name)?;
    let description = checked_description(description)?;
    let name_taken: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM organizations WHERE LOWER(name) = LOWER($1) AND id <> $2",
    )
    .bind(&name)
    .bind(id)
    .fetch_optional(&mut **w)
    .await?;
    if name_taken.is_some() {
        return Err(Error::Invalid {
            field: "name",
            message: "another organization has this name".into(),
        });
    }
    if let Some(guild) = guild_id {
        let linked: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM organizations WHERE discord_guild_id = $1 AND id <> $2",
        )
        .bind(guild)
        .bind(id)
        .fetch_optional(&mut **w)
        .await?;
        if linked.is_some() {
            return Err(Error::Invalid {
                field: "discord_guild_id",
                message: "this Discord server is linked to another organization".into(),
            });
        }
    }
    sqlx::query(
        "UPDATE organizations SET name = $1, description = $2, discord_guild_id = $3,
                member_list_public = $4, updated_at = $5
         WHERE id = $6",
    )
    .bind(name)
    .bind(description)
    .bind(guild_id)
    .bind(member_list_public)
    .bind(now_millis())
    .bind(id)
    .execute(&mut **w)
    .await?;
    w.org_changed(id);
    Ok(())
}

pub async fn id_by_slug(db: &Db, slug: &str) -> Result<Option<i64>> {
    Ok(
        sqlx::query_scalar("SELECT id FROM organizations WHERE slug = $1")
            .bind(slug)
            .fetch_optional(db.pool())
            .await?,
    )
}

/// The slug and name of an organization, active or not.
pub async fn slug_and_name(db: &Db, id: i64) -> Result<Option<(String, String)>> {
    let row = sqlx::query("SELECT slug, name FROM organizations WHERE id = $1")
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| Ok((row.try_get("slug")?, row.try_get("name")?)))
        .transpose()
}

/// An organization, archived or not: its id, name and whether it is active.
pub async fn any_by_slug(db: &Db, slug: &str) -> Result<Option<(i64, String, bool)>> {
    let row = sqlx::query("SELECT id, name, is_active FROM organizations WHERE slug = $1")
        .bind(slug)
        .fetch_optional(db.pool())
        .await?;
    row.map(|row| {
        Ok((
            row.try_get("id")?,
            row.try_get("name")?,
            crate::db::get_bool(&row, "is_active")?,
        ))
    })
    .transpose()
}

/// Archives (`active` false) or restores an organization. Archived, its pages answer 404, its
/// plugins are out of service there (no task, listener or command runs for it) and its data
/// is kept.
pub async fn set_active(w: &mut Write, id: i64, active: bool) -> Result<()> {
    let done =
        sqlx::query("UPDATE organizations SET is_active = $1, updated_at = $2 WHERE id = $3")
            .bind(active)
            .bind(now_millis())
            .bind(id)
            .execute(&mut **w)
            .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound("no such organization".into()));
    }
    w.invalidate_org(id);
    w.org_changed(id);
    Ok(())
}

/// Deletes an archived organization and everything that belongs to it (its audit entries stay,
/// without the organization).
pub async fn delete_archived(w: &mut Write, id: i64) -> Result<()> {
    let done = sqlx::query("DELETE FROM organizations WHERE id = $1 AND is_active = FALSE")
        .bind(id)
        .execute(&mut **w)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::Conflict(
            "only an archived organization can be deleted; archive it first".into(),
        ));
    }
    w.invalidate_org(id);
    w.org_changed(id);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::validate_slug;

    #[test]
    fn slugs_are_url_safe() {
        for good in ["alttpr", "sm-league", "z1r2"] {
            assert!(validate_slug(good).is_ok(), "{good}");
        }
        for bad in [
            "",
            "a",
            "Caps",
            "with space",
            "-lead",
            "ü-ber",
            &"x".repeat(41),
        ] {
            assert!(validate_slug(bad).is_err(), "{bad}");
        }
    }
}

//! Namespaces and the rights granted in them.

use sahabot_sdk::data::PluginDb as Db;
use sahabot_sdk::serde_json::json;
use sahabot_sdk::ssr::get_bool;
use sahabot_sdk::ssr::sqlx::{self, any::AnyRow, Row};
use sahabot_sdk::{time, Error};

use crate::model::{Grant, Owner, Rights};

/// A namespace as stored, with its owner's name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NamespaceRow {
    pub id: i64,
    pub slug: String,
    pub description: String,
    pub is_public: bool,
    pub organization_id: Option<i64>,
    pub owner_user_id: Option<i64>,
    pub owner: Owner,
    pub preset_count: i64,
}

const COLUMNS: &str =
    "n.id, n.slug, n.description, n.is_public, n.organization_id, n.owner_user_id,
    o.name AS org_name, u.display_name AS user_name,
    (SELECT COUNT(*) FROM presets p WHERE p.namespace_id = n.id) AS preset_count
    FROM preset_namespaces n
    LEFT JOIN organizations o ON o.id = n.organization_id
    LEFT JOIN users u ON u.id = n.owner_user_id";

fn row(r: &AnyRow) -> Result<NamespaceRow, Error> {
    let org_name: Option<String> = r.try_get("org_name")?;
    let user_name: Option<String> = r.try_get("user_name")?;
    Ok(NamespaceRow {
        id: r.try_get("id")?,
        slug: r.try_get("slug")?,
        description: r.try_get("description")?,
        is_public: get_bool(r, "is_public")?,
        organization_id: r.try_get("organization_id")?,
        owner_user_id: r.try_get("owner_user_id")?,
        owner: match org_name {
            Some(name) => Owner::Organization(name),
            None => Owner::User(user_name.unwrap_or_default()),
        },
        preset_count: r.try_get("preset_count")?,
    })
}

/// The namespaces a viewer may see from an organization, before the visibility rules: the
/// organization's, the viewer's own, those granted to them and every public one.
pub async fn candidates(
    db: &Db,
    organization_id: i64,
    user_id: Option<i64>,
) -> Result<Vec<NamespaceRow>, Error> {
    let rows = sqlx::query(&format!(
        "SELECT {COLUMNS}
         WHERE n.is_public = TRUE OR n.organization_id = $1 OR n.owner_user_id = $2
            OR n.id IN (SELECT g.namespace_id FROM preset_namespace_grants g WHERE g.user_id = $2)
         ORDER BY n.slug"
    ))
    .bind(organization_id)
    .bind(user_id.unwrap_or(-1))
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(row).collect()
}

pub async fn by_slug(db: &Db, slug: &str) -> Result<Option<NamespaceRow>, Error> {
    let found = sqlx::query(&format!("SELECT {COLUMNS} WHERE n.slug = $1"))
        .bind(slug)
        .fetch_optional(db.pool())
        .await?;
    found.as_ref().map(row).transpose()
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<NamespaceRow>, Error> {
    let found = sqlx::query(&format!("SELECT {COLUMNS} WHERE n.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    found.as_ref().map(row).transpose()
}

/// The user's personal namespace's slug, created on first use: named after them, with a
/// number added if another namespace has that name.
pub async fn ensure_personal(db: &Db, user_id: i64, display_name: &str) -> Result<String, Error> {
    if let Some(slug) = personal_of(db, user_id).await? {
        return Ok(slug);
    }
    match create_personal(db, user_id, display_name).await {
        Ok(slug) => Ok(slug),
        // Two first calls at once: the other one made it.
        Err(e) => personal_of(db, user_id).await?.ok_or(e),
    }
}

/// The user's personal namespace's slug, if made.
pub async fn personal_of(db: &Db, user_id: i64) -> Result<Option<String>, Error> {
    Ok(
        sqlx::query_scalar("SELECT slug FROM preset_namespaces WHERE owner_user_id = $1")
            .bind(user_id)
            .fetch_optional(db.pool())
            .await?,
    )
}

async fn create_personal(db: &Db, user_id: i64, display_name: &str) -> Result<String, Error> {
    let base = crate::service::rules::personal_slug(display_name);
    let mut tx = db.write().await?;
    let mut slug = base.clone();
    for n in 2.. {
        let taken: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM preset_namespaces WHERE slug = $1")
                .bind(&slug)
                .fetch_one(&mut *tx)
                .await?;
        if taken == 0 {
            break;
        }
        slug = format!("{base}-{n}");
    }
    sqlx::query(
        "INSERT INTO preset_namespaces (slug, owner_user_id, description, is_public, created_at)
         VALUES ($1, $2, '', TRUE, $3)",
    )
    .bind(&slug)
    .bind(user_id)
    .bind(time::now_millis())
    .execute(&mut *tx)
    .await?;
    tx.audit(
        "namespace_created",
        json!({ "slug": slug, "personal": true }),
    )
    .await?;
    tx.commit().await?;
    Ok(slug)
}

/// A new namespace of the organization.
pub async fn create_for_org(
    db: &Db,
    organization_id: i64,
    slug: &str,
    description: &str,
    is_public: bool,
) -> Result<(), Error> {
    let mut tx = db.write().await?;
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM preset_namespaces WHERE slug = $1")
        .bind(slug)
        .fetch_one(&mut *tx)
        .await?;
    if taken > 0 {
        return Err(Error::Invalid {
            field: "slug",
            message: format!("`{slug}` is taken"),
        });
    }
    sqlx::query(
        "INSERT INTO preset_namespaces (slug, organization_id, description, is_public, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(slug)
    .bind(organization_id)
    .bind(description)
    .bind(is_public)
    .bind(time::now_millis())
    .execute(&mut *tx)
    .await?;
    tx.audit("namespace_created", json!({ "slug": slug }))
        .await?;
    tx.commit().await
}

/// The organization's first namespace, named after it, unless it has one.
pub async fn ensure_for_org(db: &Db, organization_id: i64, org_slug: &str) -> Result<(), Error> {
    let existing: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM preset_namespaces WHERE organization_id = $1")
            .bind(organization_id)
            .fetch_one(db.pool())
            .await?;
    if existing > 0 {
        return Ok(());
    }
    let taken: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM preset_namespaces WHERE slug = $1")
        .bind(org_slug)
        .fetch_one(db.pool())
        .await?;
    let slug = if taken == 0 && crate::service::rules::check_slug(org_slug).is_ok() {
        org_slug.to_string()
    } else {
        format!("org-{organization_id}")
    };
    create_for_org(db, organization_id, &slug, "", true).await
}

pub async fn update(db: &Db, id: i64, description: &str, is_public: bool) -> Result<(), Error> {
    let mut tx = db.write().await?;
    sqlx::query("UPDATE preset_namespaces SET description = $1, is_public = $2 WHERE id = $3")
        .bind(description)
        .bind(is_public)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    tx.audit(
        "namespace_updated",
        json!({ "namespace_id": id, "is_public": is_public }),
    )
    .await?;
    tx.commit().await
}

/// The viewer's grant in the namespace, if any.
pub async fn grant_of(db: &Db, namespace_id: i64, user_id: i64) -> Result<Option<Rights>, Error> {
    let found = sqlx::query(
        "SELECT can_create, can_update, can_delete FROM preset_namespace_grants
         WHERE namespace_id = $1 AND user_id = $2",
    )
    .bind(namespace_id)
    .bind(user_id)
    .fetch_optional(db.pool())
    .await?;
    found
        .map(|r| {
            Ok(Rights {
                create: get_bool(&r, "can_create")?,
                update: get_bool(&r, "can_update")?,
                delete: get_bool(&r, "can_delete")?,
                manage: false,
            })
        })
        .transpose()
}

/// Every grant the user holds, by namespace id.
pub async fn grants_of_user(db: &Db, user_id: i64) -> Result<Vec<(i64, Rights)>, Error> {
    let rows = sqlx::query(
        "SELECT namespace_id, can_create, can_update, can_delete FROM preset_namespace_grants
         WHERE user_id = $1",
    )
    .bind(user_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok((
                r.try_get("namespace_id")?,
                Rights {
                    create: get_bool(r, "can_create")?,
                    update: get_bool(r, "can_update")?,
                    delete: get_bool(r, "can_delete")?,
                    manage: false,
                },
            ))
        })
        .collect()
}

pub async fn grants(db: &Db, namespace_id: i64) -> Result<Vec<Grant>, Error> {
    let rows = sqlx::query(
        "SELECT g.user_id, u.display_name, g.can_create, g.can_update, g.can_delete
         FROM preset_namespace_grants g JOIN users u ON u.id = g.user_id
         WHERE g.namespace_id = $1 ORDER BY u.display_name",
    )
    .bind(namespace_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Grant {
                user_id: r.try_get("user_id")?,
                user_name: r.try_get("display_name")?,
                create: get_bool(r, "can_create")?,
                update: get_bool(r, "can_update")?,
                delete: get_bool(r, "can_delete")?,
            })
        })
        .collect()
}

/// Sets a user's rights in the namespace; none at all removes the grant.
pub async fn set_grant(
    db: &Db,
    namespace_id: i64,
    user_id: i64,
    rights: Rights,
) -> Result<(), Error> {
    let mut tx = db.write().await?;
    sqlx::query("DELETE FROM preset_namespace_grants WHERE namespace_id = $1 AND user_id = $2")
        .bind(namespace_id)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    if rights.create || rights.update || rights.delete {
        sqlx::query(
            "INSERT INTO preset_namespace_grants (namespace_id, user_id, can_create, can_update, can_delete)
             VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(namespace_id)
        .bind(user_id)
        .bind(rights.create)
        .bind(rights.update)
        .bind(rights.delete)
        .execute(&mut *tx)
        .await?;
    }
    tx.audit(
        "namespace_grant_set",
        json!({ "namespace_id": namespace_id, "user_id": user_id,
                "create": rights.create, "update": rights.update, "delete": rights.delete }),
    )
    .await?;
    tx.commit().await
}

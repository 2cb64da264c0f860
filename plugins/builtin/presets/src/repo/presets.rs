//! Presets and their revisions.

use sahabot_sdk::data::PluginDb as Db;
use sahabot_sdk::serde_json::{self, json, Map, Value};
use sahabot_sdk::ssr::get_bool;
use sahabot_sdk::ssr::sqlx::{self, any::AnyRow, Row};
use sahabot_sdk::{time, Error};

use crate::model::{PresetRow, PresetSort, Revision};

/// A preset as stored.
#[derive(Clone, Debug, PartialEq)]
pub struct StoredPreset {
    pub id: i64,
    pub namespace_id: i64,
    pub namespace: String,
    pub randomizer: String,
    pub name: String,
    pub description: String,
    pub yaml: String,
    pub settings: Map<String, Value>,
    pub is_public: bool,
    pub hide_rolled: bool,
    pub revision: i64,
    pub created_by: Option<String>,
    pub created_at: i64,
    pub updated_at: i64,
}

const COLUMNS: &str = "p.id, p.namespace_id, n.slug, p.randomizer, p.name, p.description, p.yaml,
    p.settings, p.is_public, p.hide_rolled, p.revision, u.display_name AS creator, p.created_at,
    p.updated_at
    FROM presets p JOIN preset_namespaces n ON n.id = p.namespace_id
    LEFT JOIN users u ON u.id = p.created_by";

fn stored(r: &AnyRow) -> Result<StoredPreset, Error> {
    let settings: String = r.try_get("settings")?;
    Ok(StoredPreset {
        id: r.try_get("id")?,
        namespace_id: r.try_get("namespace_id")?,
        namespace: r.try_get("slug")?,
        randomizer: r.try_get("randomizer")?,
        name: r.try_get("name")?,
        description: r.try_get("description")?,
        yaml: r.try_get("yaml")?,
        settings: serde_json::from_str(&settings).unwrap_or_default(),
        is_public: get_bool(r, "is_public")?,
        hide_rolled: get_bool(r, "hide_rolled")?,
        revision: r.try_get("revision")?,
        created_by: r.try_get("creator")?,
        created_at: r.try_get("created_at")?,
        updated_at: r.try_get("updated_at")?,
    })
}

pub async fn by_id(db: &Db, id: i64) -> Result<Option<StoredPreset>, Error> {
    let found = sqlx::query(&format!("SELECT {COLUMNS} WHERE p.id = $1"))
        .bind(id)
        .fetch_optional(db.pool())
        .await?;
    found.as_ref().map(stored).transpose()
}

pub async fn by_name(
    db: &Db,
    namespace: &str,
    randomizer: &str,
    name: &str,
) -> Result<Option<StoredPreset>, Error> {
    let found = sqlx::query(&format!(
        "SELECT {COLUMNS} WHERE n.slug = $1 AND p.randomizer = $2 AND p.name = $3"
    ))
    .bind(namespace)
    .bind(randomizer)
    .bind(name)
    .fetch_optional(db.pool())
    .await?;
    found.as_ref().map(stored).transpose()
}

/// Which presets a list shows: those of namespaces the viewer sees whose presets are public,
/// and every preset of the namespaces they may change.
#[derive(Clone, Debug, Default)]
pub struct Filter {
    pub randomizers: Vec<String>,
    pub namespace: Option<String>,
    pub search: String,
    pub sort: PresetSort,
    pub page: i64,
    pub per_page: i64,
    /// Namespaces whose public presets the viewer sees.
    pub seen: Vec<i64>,
    /// Namespaces all of whose presets the viewer sees.
    pub editable: Vec<i64>,
}

fn id_list(ids: &[i64]) -> String {
    if ids.is_empty() {
        "-1".into()
    } else {
        ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",")
    }
}

fn quoted_list(words: &[String]) -> Option<String> {
    // Randomizer ids are plugin ids (lowercase letters, digits, `_`), so quoting is safe;
    // anything else is left out rather than quoted.
    let safe: Vec<String> = words
        .iter()
        .filter(|w| {
            w.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        })
        .map(|w| format!("'{w}'"))
        .collect();
    (!safe.is_empty()).then(|| safe.join(","))
}

/// A page of presets and the count of all that match.
pub async fn list(db: &Db, filter: &Filter) -> Result<(Vec<PresetRow>, i64), Error> {
    let randomizers = quoted_list(&filter.randomizers).unwrap_or_else(|| "''".into());
    let mut conditions = format!(
        "p.randomizer IN ({randomizers})
         AND ((p.is_public = TRUE AND n.id IN ({seen})) OR n.id IN ({editable}))",
        seen = id_list(&filter.seen),
        editable = id_list(&filter.editable),
    );
    conditions.push_str(" AND ($2 = '' OR n.slug = $2)");
    conditions.push_str(
        " AND (LOWER(p.name) LIKE $1 ESCAPE '\\' OR LOWER(p.description) LIKE $1 ESCAPE '\\')",
    );
    let pattern = format!(
        "%{}%",
        filter
            .search
            .to_lowercase()
            .replace('\\', "\\\\")
            .replace('%', "\\%")
            .replace('_', "\\_")
    );
    let order = match filter.sort {
        PresetSort::Name => "p.name, n.slug, p.randomizer",
        PresetSort::Namespace => "n.slug, p.randomizer, p.name",
        PresetSort::Randomizer => "p.randomizer, p.name, n.slug",
        PresetSort::Updated => "p.updated_at DESC, p.id DESC",
    };
    let namespace = filter.namespace.clone().unwrap_or_default();
    // The total comes with the page's rows; only a page past the end counts apart.
    let rows = sqlx::query(&format!(
        "SELECT p.id, n.slug, p.randomizer, p.name, p.description, p.is_public, p.settings,
                p.updated_at, COUNT(*) OVER () AS total
         FROM presets p JOIN preset_namespaces n ON n.id = p.namespace_id
         WHERE {conditions} ORDER BY {order} LIMIT $3 OFFSET $4"
    ))
    .bind(&pattern)
    .bind(&namespace)
    .bind(filter.per_page)
    .bind((filter.page - 1) * filter.per_page)
    .fetch_all(db.pool())
    .await?;
    let total: i64 = match rows.first() {
        Some(first) => first.try_get("total")?,
        None if filter.page == 1 => 0,
        None => {
            sqlx::query_scalar(&format!(
                "SELECT COUNT(*) FROM presets p JOIN preset_namespaces n ON n.id = p.namespace_id
                 WHERE {conditions}"
            ))
            .bind(&pattern)
            .bind(&namespace)
            .fetch_one(db.pool())
            .await?
        }
    };
    let rows = rows
        .iter()
        .map(|r| {
            let settings: String = r.try_get("settings")?;
            let settings: Map<String, Value> = serde_json::from_str(&settings).unwrap_or_default();
            Ok(PresetRow {
                id: r.try_get("id")?,
                namespace: r.try_get("slug")?,
                randomizer: r.try_get("randomizer")?,
                name: r.try_get("name")?,
                description: r.try_get("description")?,
                is_public: get_bool(r, "is_public")?,
                is_mystery: crate::service::mystery_flag(&settings),
                updated_at: r.try_get("updated_at")?,
            })
        })
        .collect::<Result<Vec<_>, Error>>()?;
    Ok((rows, total))
}

/// What a preset is saved with.
#[derive(Clone, Debug)]
pub struct PresetInput<'a> {
    pub description: &'a str,
    pub yaml: &'a str,
    pub settings: &'a Map<String, Value>,
    pub is_public: bool,
    pub hide_rolled: bool,
}

/// A new preset, as its first revision; returns its id.
pub async fn create(
    db: &Db,
    namespace_id: i64,
    randomizer: &str,
    name: &str,
    input: &PresetInput<'_>,
) -> Result<i64, Error> {
    let user = db.actor().map(|a| a.user_id);
    let now = time::now_millis();
    let settings = Value::Object(input.settings.clone()).to_string();
    let mut tx = db.write().await?;
    let taken: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM presets WHERE namespace_id = $1 AND randomizer = $2 AND name = $3",
    )
    .bind(namespace_id)
    .bind(randomizer)
    .bind(name)
    .fetch_one(&mut *tx)
    .await?;
    if taken > 0 {
        return Err(Error::Invalid {
            field: "name",
            message: format!("this namespace has a {randomizer} preset named `{name}` already"),
        });
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO presets (namespace_id, randomizer, name, description, yaml, settings,
            is_public, hide_rolled, revision, created_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $10) RETURNING id",
    )
    .bind(namespace_id)
    .bind(randomizer)
    .bind(name)
    .bind(input.description)
    .bind(input.yaml)
    .bind(&settings)
    .bind(input.is_public)
    .bind(input.hide_rolled)
    .bind(user)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    insert_revision(&mut tx, id, 1, input.yaml, &settings, user, now).await?;
    tx.audit(
        "preset_created",
        json!({ "preset_id": id, "randomizer": randomizer, "name": name }),
    )
    .await?;
    tx.commit().await?;
    Ok(id)
}

async fn insert_revision(
    tx: &mut sahabot_sdk::data::PluginWrite,
    preset_id: i64,
    revision: i64,
    yaml: &str,
    settings: &str,
    user: Option<i64>,
    now: i64,
) -> Result<(), Error> {
    sqlx::query(
        "INSERT INTO preset_revisions (preset_id, revision, yaml, settings, edited_by, edited_at)
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(preset_id)
    .bind(revision)
    .bind(yaml)
    .bind(settings)
    .bind(user)
    .bind(now)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

/// Saves a new revision of the preset, if it is still at `base_revision` (the one the editor
/// opened): a change made meanwhile is not overwritten. Returns the new revision.
pub async fn update(
    db: &Db,
    id: i64,
    base_revision: i64,
    input: &PresetInput<'_>,
    action: &str,
) -> Result<i64, Error> {
    let user = db.actor().map(|a| a.user_id);
    let now = time::now_millis();
    let settings = Value::Object(input.settings.clone()).to_string();
    let mut tx = db.write().await?;
    let next = base_revision + 1;
    let done = sqlx::query(
        "UPDATE presets SET description = $1, yaml = $2, settings = $3, is_public = $4,
            hide_rolled = $5, revision = $6, updated_at = $7
         WHERE id = $8 AND revision = $9",
    )
    .bind(input.description)
    .bind(input.yaml)
    .bind(&settings)
    .bind(input.is_public)
    .bind(input.hide_rolled)
    .bind(next)
    .bind(now)
    .bind(id)
    .bind(base_revision)
    .execute(&mut *tx)
    .await?;
    if done.rows_affected() == 0 {
        return Err(Error::Conflict(
            "this preset was changed since you opened it; reload it to see the change".into(),
        ));
    }
    insert_revision(&mut tx, id, next, input.yaml, &settings, user, now).await?;
    tx.audit(action, json!({ "preset_id": id, "revision": next }))
        .await?;
    tx.commit().await?;
    Ok(next)
}

pub async fn delete(db: &Db, id: i64) -> Result<(), Error> {
    let mut tx = db.write().await?;
    let done = sqlx::query("DELETE FROM presets WHERE id = $1")
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if done.rows_affected() == 0 {
        return Err(Error::NotFound("there is no such preset".into()));
    }
    tx.audit("preset_deleted", json!({ "preset_id": id }))
        .await?;
    tx.commit().await
}

pub async fn revisions(db: &Db, preset_id: i64) -> Result<Vec<Revision>, Error> {
    let rows = sqlx::query(
        "SELECT r.revision, r.yaml, u.display_name, r.edited_at FROM preset_revisions r
         LEFT JOIN users u ON u.id = r.edited_by
         WHERE r.preset_id = $1 ORDER BY r.revision DESC",
    )
    .bind(preset_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            Ok(Revision {
                revision: r.try_get("revision")?,
                yaml: r.try_get("yaml")?,
                edited_by: r.try_get("display_name")?,
                edited_at: r.try_get("edited_at")?,
            })
        })
        .collect()
}

/// The names of the presets of `randomizer` the viewer may roll, for autocompletion and the
/// roll page: `namespace/name`, at most `limit`, those containing `typed` first by name.
pub async fn names(
    db: &Db,
    randomizer: &str,
    typed: &str,
    seen: &[i64],
    editable: &[i64],
    limit: i64,
) -> Result<Vec<(i64, String)>, Error> {
    let rows = sqlx::query(&format!(
        "SELECT p.id, n.slug, p.name FROM presets p JOIN preset_namespaces n ON n.id = p.namespace_id
         WHERE p.randomizer = $1
           AND ((p.is_public = TRUE AND n.id IN ({seen})) OR n.id IN ({editable}))
           AND LOWER(n.slug || '/' || p.name) LIKE $2
         ORDER BY p.name, n.slug LIMIT $3",
        seen = id_list(seen),
        editable = id_list(editable),
    ))
    .bind(randomizer)
    .bind(format!("%{}%", typed.to_lowercase().replace(['%', '_', '\\'], "")))
    .bind(limit)
    .fetch_all(db.pool())
    .await?;
    rows.iter()
        .map(|r| {
            let slug: String = r.try_get("slug")?;
            let name: String = r.try_get("name")?;
            Ok((r.try_get("id")?, format!("{slug}/{name}")))
        })
        .collect()
}

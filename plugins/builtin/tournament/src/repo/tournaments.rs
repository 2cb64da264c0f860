//! Tournaments.

use sahabot_sdk::data::{PluginDb as Db, PluginWrite};
use sahabot_sdk::ssr::get_bool;
use sahabot_sdk::ssr::sqlx::{self, any::AnyRow, Row};
use sahabot_sdk::Error;

use crate::model::{PresetRule, SettingsField, Tournament, TournamentForm};

const SELECT: &str = "SELECT t.id, t.name, t.description, t.is_active, t.starts_at, t.ends_at,
    t.randomizer, t.preset, t.preset_rules, t.settings_form, t.onsite,
    (SELECT COUNT(*) FROM tournament_players p WHERE p.tournament_id = t.id) AS player_count,
    (SELECT COUNT(*) FROM matches m WHERE m.tournament_id = t.id) AS match_count
    FROM tournaments t";

fn row(r: &AnyRow) -> Result<Tournament, Error> {
    let rules: String = r.try_get("preset_rules")?;
    let form: String = r.try_get("settings_form")?;
    Ok(Tournament {
        id: r.try_get("id")?,
        name: r.try_get("name")?,
        description: r.try_get("description")?,
        is_active: get_bool(r, "is_active")?,
        starts_at: r.try_get("starts_at")?,
        ends_at: r.try_get("ends_at")?,
        randomizer: r.try_get("randomizer")?,
        preset: r.try_get("preset")?,
        preset_rules: super::json::<Vec<PresetRule>>(&rules, "preset rules")?,
        settings_form: super::json::<Vec<SettingsField>>(&form, "settings form")?,
        onsite: get_bool(r, "onsite")?,
        player_count: r.try_get("player_count")?,
        match_count: r.try_get("match_count")?,
    })
}

/// The organization's tournaments, active ones first, then by name.
pub async fn list(db: &Db, org_id: i64) -> Result<Vec<Tournament>, Error> {
    let rows = sqlx::query(&format!(
        "{SELECT} WHERE t.organization_id = $1 ORDER BY t.is_active DESC, t.name"
    ))
    .bind(org_id)
    .fetch_all(db.pool())
    .await?;
    rows.iter().map(row).collect()
}

pub async fn get(db: &Db, org_id: i64, id: i64) -> Result<Option<Tournament>, Error> {
    let found = sqlx::query(&format!(
        "{SELECT} WHERE t.organization_id = $1 AND t.id = $2"
    ))
    .bind(org_id)
    .bind(id)
    .fetch_optional(db.pool())
    .await?;
    found.as_ref().map(row).transpose()
}

/// Whether another tournament of the organization has `name`.
pub async fn name_taken(db: &Db, org_id: i64, name: &str, except: i64) -> Result<bool, Error> {
    let count: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM tournaments WHERE organization_id = $1 AND name = $2 AND id <> $3",
    )
    .bind(org_id)
    .bind(name)
    .bind(except)
    .fetch_one(db.pool())
    .await?;
    Ok(count > 0)
}

pub async fn insert(
    w: &mut PluginWrite,
    org_id: i64,
    form: &TournamentForm,
    now: i64,
) -> Result<i64, Error> {
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO tournaments (organization_id, name, description, is_active, starts_at,
            ends_at, randomizer, preset, onsite, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING id",
    )
    .bind(org_id)
    .bind(&form.name)
    .bind(&form.description)
    .bind(form.is_active)
    .bind(form.starts_at)
    .bind(form.ends_at)
    .bind(&form.randomizer)
    .bind(&form.preset)
    .bind(form.onsite)
    .bind(now)
    .fetch_one(&mut **w)
    .await?;
    Ok(id)
}

pub async fn update(
    w: &mut PluginWrite,
    id: i64,
    form: &TournamentForm,
    now: i64,
) -> Result<(), Error> {
    sqlx::query(
        "UPDATE tournaments SET name = $2, description = $3, is_active = $4, starts_at = $5,
            ends_at = $6, randomizer = $7, preset = $8, onsite = $9, updated_at = $10
         WHERE id = $1",
    )
    .bind(id)
    .bind(&form.name)
    .bind(&form.description)
    .bind(form.is_active)
    .bind(form.starts_at)
    .bind(form.ends_at)
    .bind(&form.randomizer)
    .bind(&form.preset)
    .bind(form.onsite)
    .bind(now)
    .execute(&mut **w)
    .await?;
    Ok(())
}

/// Stores the preset rules or the settings form (`column`), as JSON.
pub async fn set_json(
    w: &mut PluginWrite,
    id: i64,
    column: Column,
    json: &str,
    now: i64,
) -> Result<(), Error> {
    let column = match column {
        Column::PresetRules => "preset_rules",
        Column::SettingsForm => "settings_form",
    };
    sqlx::query(&format!(
        "UPDATE tournaments SET {column} = $2, updated_at = $3 WHERE id = $1"
    ))
    .bind(id)
    .bind(json)
    .bind(now)
    .execute(&mut **w)
    .await?;
    Ok(())
}

#[derive(Clone, Copy, Debug)]
pub enum Column {
    PresetRules,
    SettingsForm,
}

pub async fn delete(w: &mut PluginWrite, id: i64) -> Result<(), Error> {
    sqlx::query("DELETE FROM tournaments WHERE id = $1")
        .bind(id)
        .execute(&mut **w)
        .await?;
    Ok(())
}

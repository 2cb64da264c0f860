//! Tournaments: who sees and changes them, and what a change checks.

use sahabot_sdk::seeds::SeedRoller;
use sahabot_sdk::serde_json::{self, json, Value};
use sahabot_sdk::{text, time, Error};

use super::caller::Caller;
use super::{check_instant, preset_rules, settings_form};
use crate::events::{TournamentCreated, TournamentUpdated};
use crate::model::{Tournament, TournamentForm};
use crate::repo::tournaments::{self as repo, Column};

pub async fn list(caller: &Caller) -> Result<Vec<Tournament>, Error> {
    let kept = caller
        .db
        .kept(
            &format!("tournaments:{}", caller.org_id),
            repo::list(&caller.db, caller.org_id),
        )
        .await?;
    Ok(kept.as_ref().clone())
}

/// The tournament `id` of the organization; not found otherwise.
pub async fn get(caller: &Caller, id: i64) -> Result<Tournament, Error> {
    repo::get(&caller.db, caller.org_id, id)
        .await?
        .ok_or_else(|| Error::NotFound(format!("there is no tournament {id} here")))
}

/// Presets' roller, where Presets is on in the organization.
pub async fn roller(caller: &Caller) -> Result<sahabot_sdk::data::Service<dyn SeedRoller>, Error> {
    caller
        .db
        .service::<dyn SeedRoller>("presets")
        .await
        .map_err(|_| Error::Invalid {
            field: "randomizer",
            message: "seeds are rolled from presets: turn on the Presets plugin first".into(),
        })
}

/// The randomizer plugin `id` if it is enabled here, as the registry names it.
pub async fn randomizer_id(caller: &Caller, id: &str) -> Result<&'static str, Error> {
    let roller = roller(caller).await?;
    let enabled = roller.api.randomizers(roller.db.clone()).await?;
    enabled
        .iter()
        .find(|(plugin, _)| *plugin == id)
        .map(|(plugin, _)| *plugin)
        .ok_or_else(|| Error::Invalid {
            field: "randomizer",
            message: format!(
                "`{id}` is not a randomizer enabled here; enabled: {}",
                names(&enabled)
            ),
        })
}

fn names(enabled: &[(&'static str, &'static str)]) -> String {
    if enabled.is_empty() {
        "none".into()
    } else {
        enabled
            .iter()
            .map(|(id, _)| *id)
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `preset` of `randomizer` as `namespace/name`, if the caller sees it.
pub async fn resolve_preset(
    caller: &Caller,
    randomizer: &'static str,
    preset: &str,
) -> Result<String, Error> {
    let roller = roller(caller).await?;
    roller
        .api
        .resolve(roller.db, randomizer, preset.to_string())
        .await
        .map_err(|e| Error::Invalid {
            field: "preset",
            message: e.to_string(),
        })
}

/// The form checked and its texts cleaned; the randomizer and preset checked with Presets.
async fn checked(caller: &Caller, form: &TournamentForm) -> Result<TournamentForm, Error> {
    let mut clean = form.clone();
    clean.name = text::one_line("name", &form.name, 100)?;
    clean.description = text::multi_line("description", &form.description, 2000)?;
    clean.starts_at = check_instant("starts_at", form.starts_at)?;
    clean.ends_at = check_instant("ends_at", form.ends_at)?;
    if let (Some(start), Some(end)) = (clean.starts_at, clean.ends_at) {
        if end < start {
            return Err(Error::Invalid {
                field: "ends_at",
                message: "the season cannot end before it starts".into(),
            });
        }
    }
    let randomizer = form
        .randomizer
        .as_deref()
        .map(str::trim)
        .filter(|r| !r.is_empty());
    let preset = form
        .preset
        .as_deref()
        .map(str::trim)
        .filter(|p| !p.is_empty());
    clean.randomizer = None;
    clean.preset = None;
    match (randomizer, preset) {
        (None, Some(_)) => {
            return Err(Error::Invalid {
                field: "preset",
                message: "choose the randomizer the preset is for".into(),
            })
        }
        (Some(r), preset) => {
            let id = randomizer_id(caller, r).await?;
            clean.randomizer = Some(id.to_string());
            if let Some(p) = preset {
                clean.preset = Some(resolve_preset(caller, id, p).await?);
            }
        }
        (None, None) => {}
    }
    Ok(clean)
}

pub async fn create(caller: &Caller, form: &TournamentForm) -> Result<i64, Error> {
    caller.require(caller.manage, "create tournaments")?;
    let form = checked(caller, form).await?;
    if repo::name_taken(&caller.db, caller.org_id, &form.name, 0).await? {
        return Err(Error::Conflict(format!(
            "a tournament named `{}` exists already",
            form.name
        )));
    }
    let mut w = caller.db.write().await?;
    let id = repo::insert(&mut w, caller.org_id, &form, time::now_millis()).await?;
    w.emit(&TournamentCreated {
        organization_id: caller.org_id,
        tournament_id: id,
        name: form.name.clone(),
    })
    .await?;
    w.audit("tournament_created", json!({"id": id, "name": form.name}))
        .await?;
    w.commit().await?;
    Ok(id)
}

pub async fn update(caller: &Caller, id: i64, form: &TournamentForm) -> Result<(), Error> {
    caller.require(caller.manage, "change tournaments")?;
    get(caller, id).await?;
    let form = checked(caller, form).await?;
    if repo::name_taken(&caller.db, caller.org_id, &form.name, id).await? {
        return Err(Error::Conflict(format!(
            "a tournament named `{}` exists already",
            form.name
        )));
    }
    let mut w = caller.db.write().await?;
    repo::update(&mut w, id, &form, time::now_millis()).await?;
    updated(caller, &mut w, id, &form.name, "tournament_updated").await?;
    w.commit().await
}

async fn updated(
    caller: &Caller,
    w: &mut sahabot_sdk::data::PluginWrite,
    id: i64,
    name: &str,
    action: &str,
) -> Result<(), Error> {
    w.emit(&TournamentUpdated {
        organization_id: caller.org_id,
        tournament_id: id,
        name: name.to_string(),
    })
    .await?;
    w.audit(action, json!({"id": id, "name": name})).await
}

/// Deletes a tournament that has no matches (one with matches is closed instead).
pub async fn delete(caller: &Caller, id: i64) -> Result<(), Error> {
    caller.require(caller.manage, "delete tournaments")?;
    let tournament = get(caller, id).await?;
    if tournament.match_count > 0 {
        return Err(Error::Conflict(format!(
            "`{}` has {} matches: mark it inactive instead of deleting it",
            tournament.name, tournament.match_count
        )));
    }
    let mut w = caller.db.write().await?;
    repo::delete(&mut w, id).await?;
    w.audit(
        "tournament_deleted",
        json!({"id": id, "name": tournament.name}),
    )
    .await?;
    w.commit().await
}

/// Replaces the preset selection rules; each rule's preset is checked with Presets and kept
/// as `namespace/name`.
pub async fn set_rules(caller: &Caller, id: i64, written: &Value) -> Result<(), Error> {
    caller.require(caller.manage, "change tournaments")?;
    let tournament = get(caller, id).await?;
    let mut rules = preset_rules::parse(written).map_err(|p| Error::Invalid {
        field: "rules",
        message: p.to_string(),
    })?;
    if !rules.is_empty() {
        let Some(randomizer) = tournament.randomizer.as_deref() else {
            return Err(Error::Invalid {
                field: "rules",
                message: "choose the tournament's randomizer before writing preset rules".into(),
            });
        };
        let randomizer = randomizer_id(caller, randomizer).await?;
        for (i, rule) in rules.iter_mut().enumerate() {
            rule.preset = resolve_preset(caller, randomizer, &rule.preset)
                .await
                .map_err(|e| Error::Invalid {
                    field: "rules",
                    message: format!("rules[{i}].preset: {}", message(e)),
                })?;
        }
    }
    let stored = serde_json::to_string(&rules).map_err(|e| Error::Conflict(e.to_string()))?;
    let mut w = caller.db.write().await?;
    repo::set_json(&mut w, id, Column::PresetRules, &stored, time::now_millis()).await?;
    updated(caller, &mut w, id, &tournament.name, "preset_rules_changed").await?;
    w.commit().await
}

/// Replaces the player settings form.
pub async fn set_form(caller: &Caller, id: i64, written: &Value) -> Result<(), Error> {
    caller.require(caller.manage, "change tournaments")?;
    let tournament = get(caller, id).await?;
    let form = settings_form::parse(written).map_err(|p| Error::Invalid {
        field: "form",
        message: format!("{}: {}", p.field, p.message),
    })?;
    let stored = serde_json::to_string(&form).map_err(|e| Error::Conflict(e.to_string()))?;
    let mut w = caller.db.write().await?;
    repo::set_json(
        &mut w,
        id,
        Column::SettingsForm,
        &stored,
        time::now_millis(),
    )
    .await?;
    updated(
        caller,
        &mut w,
        id,
        &tournament.name,
        "settings_form_changed",
    )
    .await?;
    w.commit().await
}

/// An error's words without the field prefix `Error::Invalid` adds.
fn message(e: Error) -> String {
    match e {
        Error::Invalid { message, .. } => message,
        other => other.to_string(),
    }
}

/// Emits the tournament's update with a change of its players.
pub async fn players_changed(
    caller: &Caller,
    w: &mut sahabot_sdk::data::PluginWrite,
    tournament: &Tournament,
    action: &str,
    user_id: i64,
) -> Result<(), Error> {
    w.emit(&TournamentUpdated {
        organization_id: caller.org_id,
        tournament_id: tournament.id,
        name: tournament.name.clone(),
    })
    .await?;
    w.audit(action, json!({"id": tournament.id, "user_id": user_id}))
        .await
}

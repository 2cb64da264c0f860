//! What Presets offers the plugins that roll seeds (`dyn SeedRoller`): a roll of a preset the
//! caller may see, by name, recorded in the seed history.

use sahabot_sdk::data::PluginDb;
use sahabot_sdk::handler::BoxFuture;
use sahabot_sdk::seeds::{Origin, PresetRef, RecordedRoll, SeedRoller};
use sahabot_sdk::Error;

use crate::repo::namespaces::NamespaceRow;
use crate::repo::presets::{self as repo, StoredPreset};
use crate::service::caller::{randomizers, require_member, Caller};
use crate::service::rolling::{roll, Policy};
use crate::service::text::is_mystery;

pub struct PresetsRoller;

impl SeedRoller for PresetsRoller {
    fn roll(
        &self,
        db: PluginDb,
        randomizer: &'static str,
        preset: PresetRef,
        origin: Origin,
    ) -> BoxFuture<Result<RecordedRoll, Error>> {
        Box::pin(async move {
            let caller = Caller::new(db).await?;
            require_member(&caller)?;
            let (stored, ns) = find(&caller, randomizer, &preset.name).await?;
            if preset.mystery_only && !is_mystery(&stored.settings) {
                return Err(Error::Invalid {
                    field: "preset",
                    message: format!(
                        "`{}/{}` is not a mystery weightset",
                        stored.namespace, stored.name
                    ),
                });
            }
            let may_see_hidden = caller.rights(&ns).update;
            roll(&caller, &stored, may_see_hidden, origin, Policy::default()).await
        })
    }

    fn preset_names(
        &self,
        db: PluginDb,
        randomizer: &'static str,
        typed: String,
        mystery_only: bool,
    ) -> BoxFuture<Result<Vec<String>, Error>> {
        Box::pin(async move {
            let caller = Caller::new(db).await?;
            let (seen, editable) = caller.preset_scope().await?;
            let limit = if mystery_only { 500 } else { 25 };
            let found =
                repo::names(&caller.db, randomizer, &typed, &seen, &editable, limit).await?;
            let mut names = Vec::new();
            for (id, label) in found {
                if names.len() == 25 {
                    break;
                }
                if mystery_only {
                    let mystery = repo::by_id(&caller.db, id)
                        .await?
                        .is_some_and(|p| is_mystery(&p.settings));
                    if !mystery {
                        continue;
                    }
                }
                names.push(label);
            }
            Ok(names)
        })
    }

    fn resolve(
        &self,
        db: PluginDb,
        randomizer: &'static str,
        name: String,
    ) -> BoxFuture<Result<String, Error>> {
        Box::pin(async move {
            let caller = Caller::new(db).await?;
            let (stored, _) = find(&caller, randomizer, &name).await?;
            Ok(format!("{}/{}", stored.namespace, stored.name))
        })
    }

    fn randomizers(
        &self,
        db: PluginDb,
    ) -> BoxFuture<Result<Vec<(&'static str, &'static str)>, Error>> {
        Box::pin(async move {
            let mut found: Vec<_> = randomizers(&db)
                .await?
                .iter()
                .map(|r| (r.plugin, r.api.name()))
                .collect();
            found.sort();
            Ok(found)
        })
    }
}

/// The preset `name` (`namespace/name`, or a name only one visible preset of the randomizer
/// has) if the caller sees it.
pub async fn find(
    caller: &Caller,
    randomizer: &str,
    name: &str,
) -> Result<(StoredPreset, NamespaceRow), Error> {
    let name = name.trim();
    let not_found = || {
        Error::NotFound(format!(
            "there is no {randomizer} preset `{name}` you can use"
        ))
    };
    let id = match name.split_once('/') {
        Some((namespace, preset)) => {
            repo::by_name(&caller.db, namespace, randomizer, preset)
                .await?
                .ok_or_else(not_found)?
                .id
        }
        None => {
            let (seen, editable) = caller.preset_scope_now().await?;
            let matches: Vec<(i64, String)> =
                repo::names(&caller.db, randomizer, name, &seen, &editable, 500)
                    .await?
                    .into_iter()
                    .filter(|(_, label)| label.rsplit('/').next() == Some(name))
                    .collect();
            match matches.as_slice() {
                [] => return Err(not_found()),
                [(id, _)] => *id,
                several => {
                    return Err(Error::Invalid {
                        field: "preset",
                        message: format!(
                            "several presets are named `{name}`: {}; write namespace/name",
                            several
                                .iter()
                                .map(|(_, label)| label.as_str())
                                .collect::<Vec<_>>()
                                .join(", ")
                        ),
                    })
                }
            }
        }
    };
    crate::service::presets::visible(caller, id)
        .await
        .map_err(|_| not_found())
}

//! Writing presets: each text checked against its randomizer before anything is stored, and
//! each change made only by those the namespace allows.

use sahabot_sdk::serde_json::{Map, Value};
use sahabot_sdk::Error;

use crate::model::{PresetDetail, PresetPage, PresetSort, TextCheck};
use crate::repo::presets::{self as repo, PresetInput, StoredPreset};
use crate::service::caller::{randomizer, Caller};
use crate::service::rules;
use crate::service::text;

/// The preset text checked for `randomizer`: its settings when it has no problem.
pub async fn check(
    caller: &Caller,
    randomizer_id: &str,
    yaml: &str,
) -> Result<(Option<Map<String, Value>>, TextCheck), Error> {
    let randomizer = randomizer(&caller.db, randomizer_id).await?;
    let settings = match text::parse(yaml) {
        Ok(settings) => settings,
        Err(problem) => {
            return Ok((
                None,
                TextCheck {
                    problems: vec![problem],
                    is_mystery: false,
                },
            ))
        }
    };
    let problems = text::place(yaml, randomizer.api.check(&settings));
    let is_mystery = text::is_mystery(&settings);
    let settings = problems.is_empty().then_some(settings);
    Ok((
        settings,
        TextCheck {
            problems,
            is_mystery,
        },
    ))
}

/// The settings of a text that must be valid, or the refusal naming its first problem.
async fn valid_settings(
    caller: &Caller,
    randomizer_id: &str,
    yaml: &str,
) -> Result<Map<String, Value>, Error> {
    let (settings, checked) = check(caller, randomizer_id, yaml).await?;
    settings.ok_or_else(|| Error::Invalid {
        field: "yaml",
        message: checked
            .problems
            .iter()
            .map(ToString::to_string)
            .collect::<Vec<_>>()
            .join("; "),
    })
}

/// What a preset form sends.
#[derive(Clone, Debug)]
pub struct PresetForm {
    pub description: String,
    pub yaml: String,
    pub is_public: bool,
    pub hide_rolled: bool,
}

fn description(text: &str) -> Result<String, Error> {
    if text.trim().is_empty() {
        return Ok(String::new());
    }
    sahabot_sdk::text::one_line("description", text, 200).map_err(|refused| Error::Invalid {
        field: refused.field,
        message: refused.message,
    })
}

/// Creates a preset in namespace `slug`; returns its id.
pub async fn create(
    caller: &Caller,
    slug: &str,
    randomizer_id: &str,
    name: &str,
    form: &PresetForm,
) -> Result<i64, Error> {
    let ns = caller.namespace(slug).await?;
    if !caller.rights(&ns).create {
        return Err(Error::Forbidden(format!(
            "you may not create presets in `{slug}`"
        )));
    }
    rules::check_preset_name(name).map_err(|message| Error::Invalid {
        field: "name",
        message,
    })?;
    let description = description(&form.description)?;
    let settings = valid_settings(caller, randomizer_id, &form.yaml).await?;
    repo::create(
        &caller.db,
        ns.id,
        randomizer_id,
        name,
        &PresetInput {
            description: &description,
            yaml: &form.yaml,
            settings: &settings,
            is_public: form.is_public,
            hide_rolled: form.hide_rolled,
        },
    )
    .await
}

/// The preset `id` with its namespace, if the caller sees it.
pub async fn visible(
    caller: &Caller,
    id: i64,
) -> Result<(StoredPreset, crate::repo::namespaces::NamespaceRow), Error> {
    let not_found = || Error::NotFound("there is no such preset".into());
    let preset = repo::by_id(&caller.db, id).await?.ok_or_else(not_found)?;
    let ns = crate::repo::namespaces::by_id(&caller.db, preset.namespace_id)
        .await?
        .ok_or_else(not_found)?;
    if !caller.sees_preset(&ns, preset.is_public) {
        return Err(not_found());
    }
    Ok((preset, ns))
}

pub async fn detail(caller: &Caller, id: i64) -> Result<PresetDetail, Error> {
    let (p, ns) = visible(caller, id).await?;
    Ok(PresetDetail {
        id: p.id,
        is_mystery: text::is_mystery(&p.settings),
        namespace: p.namespace,
        randomizer: p.randomizer,
        name: p.name,
        description: p.description,
        yaml: p.yaml,
        is_public: p.is_public,
        hide_rolled: p.hide_rolled,
        revision: p.revision,
        created_by: p.created_by,
        created_at: p.created_at,
        updated_at: p.updated_at,
        rights: caller.rights(&ns),
    })
}

/// Saves a new revision, if the preset is still at `base_revision`; returns the new one.
pub async fn update(
    caller: &Caller,
    id: i64,
    base_revision: i64,
    form: &PresetForm,
) -> Result<i64, Error> {
    let (preset, ns) = visible(caller, id).await?;
    if !caller.rights(&ns).update {
        return Err(Error::Forbidden("you may not change this preset".into()));
    }
    let description = description(&form.description)?;
    let settings = valid_settings(caller, &preset.randomizer, &form.yaml).await?;
    repo::update(
        &caller.db,
        id,
        base_revision,
        &PresetInput {
            description: &description,
            yaml: &form.yaml,
            settings: &settings,
            is_public: form.is_public,
            hide_rolled: form.hide_rolled,
        },
        "preset_updated",
    )
    .await
}

/// Makes an earlier revision's text the newest revision (checked again: the randomizer's
/// settings may have changed since).
pub async fn restore(caller: &Caller, id: i64, revision: i64) -> Result<i64, Error> {
    let (preset, ns) = visible(caller, id).await?;
    if !caller.rights(&ns).update {
        return Err(Error::Forbidden("you may not change this preset".into()));
    }
    let old = repo::revisions(&caller.db, id)
        .await?
        .into_iter()
        .find(|r| r.revision == revision)
        .ok_or_else(|| Error::NotFound(format!("this preset has no revision {revision}")))?;
    let settings = valid_settings(caller, &preset.randomizer, &old.yaml).await?;
    repo::update(
        &caller.db,
        id,
        preset.revision,
        &PresetInput {
            description: &preset.description,
            yaml: &old.yaml,
            settings: &settings,
            is_public: preset.is_public,
            hide_rolled: preset.hide_rolled,
        },
        "preset_restored",
    )
    .await
}

pub async fn delete(caller: &Caller, id: i64) -> Result<(), Error> {
    let (_, ns) = visible(caller, id).await?;
    if !caller.rights(&ns).delete {
        return Err(Error::Forbidden("you may not delete this preset".into()));
    }
    repo::delete(&caller.db, id).await
}

/// What a preset list asks for (the browse page and the REST route).
#[derive(Clone, Debug)]
pub struct ListRequest {
    /// One randomizer's id, or empty for every one enabled here.
    pub randomizer: String,
    /// One namespace's slug, or empty for all.
    pub namespace: String,
    pub search: String,
    pub sort: PresetSort,
    pub page: i64,
    pub per_page: i64,
}

/// The presets the caller sees, filtered, sorted and paged; out-of-range pages are refused by
/// name.
pub async fn list(caller: &Caller, request: ListRequest) -> Result<PresetPage, Error> {
    if !(1..=100_000).contains(&request.page) {
        return Err(Error::Invalid {
            field: "page",
            message: "must be between 1 and 100000".into(),
        });
    }
    if !(1..=100).contains(&request.per_page) {
        return Err(Error::Invalid {
            field: "per_page",
            message: "must be between 1 and 100".into(),
        });
    }
    let randomizers = crate::service::caller::randomizers(&caller.db)
        .await?
        .iter()
        .map(|r| r.plugin.to_string())
        .filter(|id| request.randomizer.is_empty() || *id == request.randomizer)
        .collect();
    let (seen, editable) = caller.preset_scope().await?;
    let filter = repo::Filter {
        randomizers,
        namespace: (!request.namespace.is_empty()).then_some(request.namespace),
        search: request.search.chars().take(100).collect(),
        sort: request.sort,
        page: request.page,
        per_page: request.per_page,
        seen,
        editable,
    };
    let kept = caller
        .db
        .kept(
            &format!("presets:{filter:?}"),
            repo::list(&caller.db, &filter),
        )
        .await?;
    let (rows, total) = kept.as_ref().clone();
    Ok(PresetPage {
        rows,
        total,
        page: request.page,
        per_page: request.per_page,
    })
}

use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::{Path, Query};
use sahabot_sdk::axum::Json;
use serde::{Deserialize, Serialize};

use crate::model::{PresetDetail, PresetPage, PresetSort};
use crate::service::presets::{self as service, ListRequest, PresetForm};

#[derive(Debug, Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    randomizer: String,
    #[serde(default)]
    namespace: String,
    #[serde(default)]
    search: String,
    #[serde(default)]
    sort: PresetSort,
    #[serde(default = "first_page")]
    page: i64,
    #[serde(default = "default_per_page")]
    per_page: i64,
}

fn first_page() -> i64 {
    1
}

fn default_per_page() -> i64 {
    50
}

/// The presets the caller sees, filtered, sorted and paged as the browse page does.
pub async fn list(
    scope: ApiScope,
    Query(q): Query<ListQuery>,
) -> Result<Json<PresetPage>, ApiError> {
    let caller = super::caller(&scope).await?;
    let request = ListRequest {
        randomizer: q.randomizer,
        namespace: q.namespace,
        search: q.search,
        sort: q.sort,
        page: q.page,
        per_page: q.per_page,
    };
    Ok(Json(service::list(&caller, request).await?))
}

pub async fn get(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<PresetDetail>, ApiError> {
    let caller = super::caller(&scope).await?;
    Ok(Json(service::detail(&caller, id).await?))
}

/// A preset's body: its settings as YAML text, and how it is shown.
#[derive(Debug, Deserialize)]
pub struct PresetBody {
    #[serde(default)]
    description: String,
    yaml: String,
    #[serde(default = "yes")]
    is_public: bool,
    #[serde(default)]
    hide_rolled: bool,
}

fn yes() -> bool {
    true
}

impl From<PresetBody> for PresetForm {
    fn from(b: PresetBody) -> PresetForm {
        PresetForm {
            description: b.description,
            yaml: b.yaml,
            is_public: b.is_public,
            hide_rolled: b.hide_rolled,
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct NewPreset {
    randomizer: String,
    name: String,
    #[serde(flatten)]
    body: PresetBody,
}

#[derive(Debug, Serialize)]
pub struct Created {
    id: i64,
}

/// Creates a preset in the namespace; its id.
pub async fn create(
    scope: ApiScope,
    Path((_org, namespace)): Path<(String, String)>,
    Json(new): Json<NewPreset>,
) -> Result<Json<Created>, ApiError> {
    let caller = super::caller(&scope).await?;
    let form = PresetForm::from(new.body);
    let id = service::create(&caller, &namespace, &new.randomizer, new.name.trim(), &form).await?;
    Ok(Json(Created { id }))
}

#[derive(Debug, Deserialize)]
pub struct Update {
    /// The revision the change is based on: refused with 409 if another was saved since.
    base_revision: i64,
    #[serde(flatten)]
    body: PresetBody,
}

#[derive(Debug, Serialize)]
pub struct Saved {
    revision: i64,
}

pub async fn update(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(change): Json<Update>,
) -> Result<Json<Saved>, ApiError> {
    let caller = super::caller(&scope).await?;
    let revision = service::update(&caller, id, change.base_revision, &change.body.into()).await?;
    Ok(Json(Saved { revision }))
}

#[derive(Debug, Serialize)]
pub struct Deleted {
    deleted: i64,
}

pub async fn delete(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Deleted>, ApiError> {
    let caller = super::caller(&scope).await?;
    service::delete(&caller, id).await?;
    Ok(Json(Deleted { deleted: id }))
}

use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::{Path, Query};
use sahabot_sdk::axum::Json;

use super::{caller, Done};
use crate::model::{Match, MatchSeed, MatchStatus};
use crate::repo::matches::Filter;
use crate::service::matches::{self as service, Direction, MatchChange, NewMatch};
use crate::service::seeds::{self, Selection};

/// The schedule's filters: a player, a stream channel, a time window; pages of `per_page`.
#[derive(Debug, Default, serde::Deserialize)]
pub struct ListQuery {
    #[serde(default)]
    player: Option<i64>,
    #[serde(default)]
    channel: Option<i64>,
    #[serde(default)]
    from: Option<i64>,
    #[serde(default)]
    to: Option<i64>,
    #[serde(default = "first_page")]
    page: i64,
    #[serde(default = "default_per_page")]
    per_page: i64,
}

fn first_page() -> i64 {
    1
}

fn default_per_page() -> i64 {
    100
}

/// A page of matches, and how many there are in all.
#[derive(Debug, serde::Serialize)]
pub struct MatchPage {
    pub rows: Vec<Match>,
    pub total: i64,
    pub page: i64,
    pub per_page: i64,
}

fn filter(q: &ListQuery) -> Result<Filter, ApiError> {
    if q.page < 1 {
        return Err(sahabot_sdk::Error::Invalid {
            field: "page",
            message: "must be 1 or more".into(),
        }
        .into());
    }
    Ok(Filter {
        player: q.player,
        channel: q.channel,
        from: q.from,
        to: q.to,
        limit: q.per_page,
        offset: (q.page - 1).saturating_mul(q.per_page.max(0)),
        ..Filter::default()
    })
}

async fn page(
    scope: &ApiScope,
    q: &ListQuery,
    filter: Filter,
) -> Result<Json<MatchPage>, ApiError> {
    let (rows, total) = service::list(&caller(scope).await?, filter).await?;
    Ok(Json(MatchPage {
        rows,
        total,
        page: q.page,
        per_page: q.per_page,
    }))
}

/// A tournament's matches.
pub async fn of_tournament(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Query(q): Query<ListQuery>,
) -> Result<Json<MatchPage>, ApiError> {
    crate::service::tournaments::get(&caller(&scope).await?, id).await?;
    let filter = Filter {
        tournament_id: Some(id),
        ..filter(&q)?
    };
    page(&scope, &q, filter).await
}

/// The caller's own matches, in every tournament of the organization.
pub async fn mine(
    scope: ApiScope,
    Query(q): Query<ListQuery>,
) -> Result<Json<MatchPage>, ApiError> {
    let me = scope.actor()?.user_id;
    let filter = Filter {
        player: Some(me),
        ..filter(&q)?
    };
    page(&scope, &q, filter).await
}

/// The matches the caller signed up to crew.
pub async fn my_crew(
    scope: ApiScope,
    Query(q): Query<ListQuery>,
) -> Result<Json<MatchPage>, ApiError> {
    let me = scope.actor()?.user_id;
    let filter = Filter {
        crew: Some(me),
        ..filter(&q)?
    };
    page(&scope, &q, filter).await
}

pub async fn get(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Match>, ApiError> {
    Ok(Json(service::get(&caller(&scope).await?, id).await?))
}

pub async fn create(scope: ApiScope, Json(new): Json<NewMatch>) -> Result<Json<Done>, ApiError> {
    let id = service::create(&caller(&scope).await?, &new).await?;
    Ok(Json(Done { id }))
}

pub async fn update(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(change): Json<MatchChange>,
) -> Result<Json<Done>, ApiError> {
    service::update(&caller(&scope).await?, id, &change).await?;
    Ok(Json(Done { id }))
}

pub async fn delete(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Done>, ApiError> {
    service::delete(&caller(&scope).await?, id).await?;
    Ok(Json(Done { id }))
}

#[derive(Debug, serde::Serialize)]
pub struct Stepped {
    pub id: i64,
    pub status: MatchStatus,
}

pub async fn advance(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Stepped>, ApiError> {
    let status = service::step(&caller(&scope).await?, id, Direction::Advance).await?;
    Ok(Json(Stepped { id, status }))
}

pub async fn revert(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Stepped>, ApiError> {
    let status = service::step(&caller(&scope).await?, id, Direction::Revert).await?;
    Ok(Json(Stepped { id, status }))
}

/// Each player's place: `{"ranks": [{"user_id": 3, "rank": 1}, …]}`.
#[derive(Debug, serde::Deserialize)]
pub struct Results {
    ranks: Vec<Rank>,
}

#[derive(Debug, serde::Deserialize)]
pub struct Rank {
    user_id: i64,
    rank: i64,
}

pub async fn results(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<Results>,
) -> Result<Json<Done>, ApiError> {
    let ranks: Vec<(i64, i64)> = body.ranks.iter().map(|r| (r.user_id, r.rank)).collect();
    service::record_results(&caller(&scope).await?, id, &ranks).await?;
    Ok(Json(Done { id }))
}

#[derive(Debug, serde::Deserialize)]
pub struct Station {
    user_id: i64,
    #[serde(default)]
    station: String,
}

pub async fn station(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    Json(body): Json<Station>,
) -> Result<Json<Done>, ApiError> {
    service::set_station(&caller(&scope).await?, id, body.user_id, &body.station).await?;
    Ok(Json(Done { id }))
}

/// Rolls the match's seed from the preset its tournament's rules pick.
pub async fn roll_seed(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<MatchSeed>, ApiError> {
    Ok(Json(seeds::roll(&caller(&scope).await?, id).await?))
}

/// Which preset the match would be rolled with now, and which rule picks it.
pub async fn preset_preview(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
) -> Result<Json<Selection>, ApiError> {
    Ok(Json(seeds::preview(&caller(&scope).await?, id).await?))
}

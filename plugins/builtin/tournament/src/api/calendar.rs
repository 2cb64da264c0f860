//! iCalendar feeds: `…/tournaments/{id}/calendar.ics` and `…/players/{user_id}/calendar.ics`,
//! kept a minute (see `service::feed_cache`), with an entity tag so that a calendar app that
//! has the feed already gets `304 Not Modified`.

use std::sync::Arc;

use sahabot_sdk::api::{ApiError, ApiScope};
use sahabot_sdk::axum::extract::Path;
use sahabot_sdk::axum::response::{IntoResponse, Response};
use sahabot_sdk::http::{header, HeaderMap, StatusCode};

use super::caller;
use crate::service::calendar;
use crate::service::feed_cache::{get_or_make, Feed, FeedKey, FEED_TTL};

fn answer(feed: Arc<Feed>, request: &HeaderMap) -> Response {
    let cache = format!("public, max-age={}", FEED_TTL.as_secs());
    let unchanged = request
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|tags| tags.split(',').any(|t| t.trim() == feed.etag));
    let headers = [
        (header::ETAG, feed.etag.clone()),
        (header::CACHE_CONTROL, cache),
    ];
    if unchanged {
        return (StatusCode::NOT_MODIFIED, headers).into_response();
    }
    (
        headers,
        [(header::CONTENT_TYPE, "text/calendar; charset=utf-8")],
        feed.body.clone(),
    )
        .into_response()
}

pub async fn tournament(
    scope: ApiScope,
    Path((_org, id)): Path<(String, i64)>,
    request: HeaderMap,
) -> Result<Response, ApiError> {
    let org_id = scope.data()?.org()?.id;
    let feed = get_or_make(FeedKey::Tournament { org_id, id }, async {
        Ok::<_, ApiError>(calendar::tournament(&caller(&scope).await?, id).await?)
    })
    .await?;
    Ok(answer(feed, &request))
}

pub async fn player(
    scope: ApiScope,
    Path((_org, user_id)): Path<(String, i64)>,
    request: HeaderMap,
) -> Result<Response, ApiError> {
    let org_id = scope.data()?.org()?.id;
    let feed = get_or_make(FeedKey::Player { org_id, user_id }, async {
        Ok::<_, ApiError>(calendar::player(&caller(&scope).await?, user_id).await?)
    })
    .await?;
    Ok(answer(feed, &request))
}

//! What a visitor may see of an organization's members is the organization's choice, and the
//! organization page, the roster's server function and the roster's API route all give the
//! same answer to each kind of actor. On both engines.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::{api_status, bearer, browser_as, demo_user_id, ACTORS};
use sahabot_core::service::{self, Actor};
use sahabot_core::{db::Db, db_test};

/// A demo member of alttpr, whose name shows when the list does.
const MEMBER: &str = "Boots First";

/// Whether each surface showed the member list to the actor.
async fn seen_by(db: &Db, actor: Option<&str>) -> [bool; 3] {
    let mut browser = browser_as(db, actor).await;
    let page = browser.get("/org/alttpr").await;
    assert_eq!(page.status, StatusCode::OK);
    let on_page = page.body.contains(r#"data-testid="member-table""#);
    assert_eq!(on_page, page.body.contains(MEMBER), "{actor:?}");
    assert_eq!(
        !on_page,
        page.body.contains(r#"data-testid="members-hidden""#)
    );

    let roster = sahabot_sdk::access::server_fns()
        .into_iter()
        .find(|d| d.plugin == Some("tournament") && d.path.contains("roster"))
        .expect("the tournament roster's server function")
        .path;
    let call = browser.post_form(roster, "org=alttpr", "same-origin").await;
    let by_function = match call.status {
        StatusCode::OK => true,
        StatusCode::FORBIDDEN => false,
        other => panic!("{actor:?}: roster function answered {other}: {}", call.body),
    };
    assert_eq!(by_function, call.body.contains(MEMBER));

    let token = match actor {
        Some(name) => Some(bearer(db, name).await),
        None => None,
    };
    let path = "/api/plugins/tournament/organizations/alttpr/roster";
    let status = api_status(&browser, "GET", path, token.as_deref()).await;
    let by_api = match status {
        StatusCode::OK => true,
        StatusCode::FORBIDDEN => false,
        other => panic!("{actor:?}: roster route answered {other}"),
    };
    [on_page, by_function, by_api]
}

db_test!(
    the_member_list_follows_the_organizations_choice_everywhere,
    |db: Db| async move {
        for actor in ACTORS {
            assert_eq!(
                seen_by(&db, actor).await,
                [true; 3],
                "public list, {actor:?}"
            );
        }

        let zelda = Actor {
            user_id: demo_user_id(&db, "Zelda Speedster").await,
            ip: None,
        };
        let org = sahabot_core::repo::orgs::id_by_slug(&db, "alttpr")
            .await
            .unwrap()
            .unwrap();
        let settings = sahabot_core::repo::orgs::settings(&db, org).await.unwrap();
        service::orgs::update_settings(
            &db,
            &zelda,
            org,
            &settings.name,
            &settings.description,
            "",
            false,
        )
        .await
        .unwrap();

        for actor in ACTORS {
            let sees = matches!(actor, Some("Boots First" | "Zelda Speedster" | "Synack"));
            assert_eq!(
                seen_by(&db, actor).await,
                [sees; 3],
                "members only, {actor:?}"
            );
        }
    }
);

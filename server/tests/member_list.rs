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

db_test!(
    the_front_page_shows_the_members_fifty_at_a_time,
    |db: Db| async move {
        use sahabot_core::model::Permission;
        use sahabot_core::repo::{members, orgs, users};
        // The app in demo mode, with its demo data.
        let mut browser = browser_as(&db, None).await;
        let org = orgs::id_by_slug(&db, "alttpr").await.unwrap().unwrap();
        for i in 0..60 {
            let name = format!("Racer {i:02}");
            let user = users::create(
                &db,
                &users::NewUser {
                    display_name: &name,
                    discord_id: None,
                    discord_username: None,
                    pronouns: None,
                    permission: Permission::User,
                },
            )
            .await
            .unwrap();
            members::add(&db, org, user).await.unwrap();
        }
        let path = sahabot_sdk::access::server_fns()
            .into_iter()
            .find(|d| d.plugin.is_none() && d.path.contains("org_members"))
            .expect("the front page's server function")
            .path;
        let mut call = async |form: &str| {
            let answer = browser.post_form(path, form, "same-origin").await;
            (answer.status, answer.body)
        };
        let names = |body: &str| -> (i64, Vec<String>) {
            let front: serde_json::Value = serde_json::from_str(body).unwrap();
            let members = &front["members"];
            let names = members["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|m| m["display_name"].as_str().unwrap().to_owned())
                .collect();
            (members["total"].as_i64().unwrap(), names)
        };

        // The demo's five members and the sixty racers, by name: three demo members sort before
        // the racers and two after.
        let (status, body) = call("org=alttpr&page=1").await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (total, first) = names(&body);
        assert_eq!((total, first.len()), (65, 50));
        assert_eq!(first[0], "Boots First");
        assert_eq!(first[49], "Racer 46");
        let (status, body) = call("org=alttpr&page=2").await;
        assert_eq!(status, StatusCode::OK);
        let (_, second) = names(&body);
        assert_eq!(second.len(), 15);
        assert_eq!(second[0], "Racer 47");
        assert_eq!(second[14], "Zelda Speedster");
        let (_, beyond) = names(&call("org=alttpr&page=3").await.1);
        assert!(beyond.is_empty());

        // A page number out of range is refused by name; an unknown organization has no page.
        let (status, body) = call("org=alttpr&page=0").await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        assert!(body.contains("page"), "{body}");
        assert_eq!(call("org=nope&page=1").await.0, StatusCode::NOT_FOUND);
    }
);

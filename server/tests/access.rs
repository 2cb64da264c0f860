//! The central access layer over HTTP: every declared server function refuses the actors its
//! guard excludes, and the org-admin flows work end to end — on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::{app_with, browser_as as browser, demo_user_id as user_id, settings, Browser};
use leptos::server_fn::ServerFn;
use sahabot_app::server_fns as sf;
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_sdk::access::server_fns;
use sahabot_sdk::{GlobalAction, Guard};

async fn call<F: ServerFn>(browser: &mut Browser, args: &str) -> common::Answer {
    browser.post_form(F::PATH, args, "same-origin").await
}

fn refused(status: StatusCode) -> bool {
    status == StatusCode::UNAUTHORIZED || status == StatusCode::FORBIDDEN
}

db_test!(
    every_server_function_declares_its_guard,
    |db: Db| async move {
        let _ = app_with(&db, settings(None, true)).await;
        assert_eq!(
            sahabot_server::access::undeclared_server_fns(),
            Vec::<&str>::new()
        );
        assert!(server_fns().len() >= 20, "{}", server_fns().len());
    }
);

// Kraid administers sm-league only; Boots First is a member of alttpr without roles; Zelda
// administers alttpr; Synack is SUPERADMIN. Each call names alttpr.
db_test!(
    cross_tenant_calls_are_refused_for_every_server_function,
    |db: Db| async move {
        let mut anonymous = browser(&db, None).await;
        let mut other_org_admin = browser(&db, Some("Kraid Cruncher")).await;
        let mut plain_member = browser(&db, Some("Boots First")).await;
        let mut org_admin = browser(&db, Some("Zelda Speedster")).await;
        let mut superadmin = browser(&db, Some("Synack")).await;
        let mut checked = 0;
        // Plugin functions are walked by plugin_matrix.rs, with their plugin on and off.
        for decl in server_fns().into_iter().filter(|d| d.plugin.is_none()) {
            let args = "org=alttpr";
            let status_of = |answer: common::Answer| (answer.status, answer.body);
            let anon = status_of(anonymous.post_form(decl.path, args, "same-origin").await);
            let other = status_of(
                other_org_admin
                    .post_form(decl.path, args, "same-origin")
                    .await,
            );
            let member = status_of(plain_member.post_form(decl.path, args, "same-origin").await);
            let admin = status_of(org_admin.post_form(decl.path, args, "same-origin").await);
            let root = status_of(superadmin.post_form(decl.path, args, "same-origin").await);
            let path = decl.path;
            match decl.guard {
                Guard::Org(_) => {
                    assert_eq!(anon.0, StatusCode::UNAUTHORIZED, "{path}: {}", anon.1);
                    assert_eq!(other.0, StatusCode::FORBIDDEN, "{path}: {}", other.1);
                    assert!(other.1.contains("not a member"), "{path}: {}", other.1);
                    assert_eq!(member.0, StatusCode::FORBIDDEN, "{path}: {}", member.1);
                    assert!(!refused(admin.0), "{path}: {}", admin.1);
                    assert!(!refused(root.0), "{path}: {}", root.1);
                    checked += 1;
                }
                Guard::Global(GlobalAction::SignedIn) => {
                    assert_eq!(anon.0, StatusCode::UNAUTHORIZED, "{path}: {}", anon.1);
                    for (status, body) in [&other, &member, &admin, &root] {
                        assert!(!refused(*status), "{path}: {body}");
                    }
                }
                Guard::Global(_) => {
                    assert_eq!(anon.0, StatusCode::UNAUTHORIZED, "{path}: {}", anon.1);
                    for (status, body) in [&other, &member, &admin] {
                        assert_eq!(*status, StatusCode::FORBIDDEN, "{path}: {body}");
                    }
                    assert!(!refused(root.0), "{path}: {}", root.1);
                }
                Guard::Public => {
                    for (status, body) in [&anon, &other, &member, &admin, &root] {
                        assert!(!refused(*status), "{path}: {body}");
                    }
                }
            }
        }
        assert!(checked >= 10, "only {checked} org-scoped functions");
    }
);

fn json(answer: &common::Answer) -> serde_json::Value {
    assert_eq!(answer.status, StatusCode::OK, "{}", answer.body);
    serde_json::from_str(&answer.body).unwrap()
}

db_test!(
    invite_join_and_role_grant_change_what_a_user_may_do,
    |db: Db| async move {
        let mut admin = browser(&db, Some("Zelda Speedster")).await;
        let mut newcomer = browser(&db, Some("Kraid Cruncher")).await;
        let mut latecomer = browser(&db, Some("Samus Returns")).await;
        let kraid = user_id(&db, "Kraid Cruncher").await;

        let invite = json(&call::<sf::CreateInvite>(&mut admin, "org=alttpr&max_uses=1").await);
        let slug = invite["slug"].as_str().unwrap().to_string();

        let preview =
            json(&call::<sf::PreviewInvite>(&mut newcomer, &format!("slug={slug}")).await);
        assert_eq!(preview["org_name"], "ALTTPR Community");
        let joined = call::<sf::JoinByInvite>(&mut newcomer, &format!("slug={slug}")).await;
        assert_eq!(json(&joined), "alttpr");
        // The one use is spent: the next person gets a clear refusal and is not added.
        let late = call::<sf::JoinByInvite>(&mut latecomer, &format!("slug={slug}")).await;
        assert_eq!(late.status, StatusCode::NOT_FOUND, "{}", late.body);
        assert!(
            late.body.contains("unknown, expired, used up"),
            "{}",
            late.body
        );
        let unknown = call::<sf::JoinByInvite>(&mut latecomer, "slug=nope").await;
        assert_eq!(unknown.status, StatusCode::NOT_FOUND);
        let mine = json(&call::<sf::MyOrgs>(&mut latecomer, "").await);
        assert!(mine
            .as_array()
            .unwrap()
            .iter()
            .all(|o| o["slug"] != "alttpr"));

        // A fresh member may do nothing in the org yet.
        let abilities = json(&call::<sf::MyAbilities>(&mut newcomer, "org=alttpr").await);
        assert_eq!(abilities["member"], true);
        assert_eq!(abilities["actions"], serde_json::json!([]));

        let roles = json(&call::<sf::ListRoles>(&mut admin, "org=alttpr").await);
        let tm = roles
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["builtin"] == "tournament_manager")
            .unwrap()["id"]
            .as_i64()
            .unwrap();
        let granted = call::<sf::SetMemberRole>(
            &mut admin,
            &format!("org=alttpr&user_id={kraid}&role_id={tm}&granted=true"),
        )
        .await;
        assert_eq!(granted.status, StatusCode::OK, "{}", granted.body);

        let abilities = json(&call::<sf::MyAbilities>(&mut newcomer, "org=alttpr").await);
        let actions: Vec<_> = abilities["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a.as_str().unwrap().to_string())
            .collect();
        assert!(
            actions.contains(&"tournament:manage".to_string()),
            "{actions:?}"
        );
        assert!(
            !actions.contains(&"member:remove".to_string()),
            "{actions:?}"
        );
        let members = call::<sf::ListMembers>(&mut newcomer, "org=alttpr").await;
        assert_eq!(members.status, StatusCode::OK, "{}", members.body);
        let remove = call::<sf::RemoveMember>(&mut newcomer, "org=alttpr&user_id=1").await;
        assert_eq!(remove.status, StatusCode::FORBIDDEN, "{}", remove.body);

        // An admin of alttpr cannot act on sm-league, nor use sm-league's roles in alttpr.
        let foreign = call::<sf::ListMembers>(&mut admin, "org=sm-league").await;
        assert_eq!(foreign.status, StatusCode::FORBIDDEN, "{}", foreign.body);
        let mut league_admin = browser(&db, Some("Kraid Cruncher")).await;
        let league_roles = json(&call::<sf::ListRoles>(&mut league_admin, "org=sm-league").await);
        let league_role = league_roles[0]["id"].as_i64().unwrap();
        let crossed = call::<sf::SetMemberRole>(
            &mut admin,
            &format!("org=alttpr&user_id={kraid}&role_id={league_role}&granted=true"),
        )
        .await;
        assert_eq!(crossed.status, StatusCode::NOT_FOUND, "{}", crossed.body);

        // Everything above is in alttpr's audit log, which the newcomer may not read.
        let log = json(&call::<sf::OrgAuditLog>(&mut admin, "org=alttpr&page=1").await);
        let logged: Vec<_> = log["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["action"].as_str().unwrap().to_string())
            .collect();
        for action in ["invite.created", "member.joined", "role.granted"] {
            assert!(logged.contains(&action.to_string()), "{logged:?}");
        }
        let denied = call::<sf::OrgAuditLog>(&mut newcomer, "org=alttpr&page=1").await;
        assert_eq!(denied.status, StatusCode::FORBIDDEN);
    }
);

db_test!(org_requests_go_through_a_superadmin, |db: Db| async move {
    let mut requester = browser(&db, Some("Boots First")).await;
    let mut superadmin = browser(&db, Some("Synack")).await;
    let filed = call::<sf::FileOrgRequest>(
        &mut requester,
        "slug=boots-league&name=Boots+League&description=&reason=We+race+boots+first",
    )
    .await;
    let id = json(&filed).as_i64().unwrap();
    let bad = call::<sf::FileOrgRequest>(
        &mut requester,
        "slug=Bad+Slug&name=X&description=&reason=why",
    )
    .await;
    assert_eq!(bad.status, StatusCode::BAD_REQUEST, "{}", bad.body);
    assert!(bad.body.contains("slug"), "{}", bad.body);

    let self_approve = call::<sf::DecideOrgRequest>(
        &mut requester,
        &format!("request_id={id}&approve=true&note="),
    )
    .await;
    assert_eq!(self_approve.status, StatusCode::FORBIDDEN);

    let pending =
        json(&call::<sf::ListOrgRequests>(&mut superadmin, "status=pending&page=1").await);
    assert!(pending["items"]
        .as_array()
        .unwrap()
        .iter()
        .any(|r| r["slug"] == "boots-league"));
    let approved = call::<sf::DecideOrgRequest>(
        &mut superadmin,
        &format!("request_id={id}&approve=true&note=welcome"),
    )
    .await;
    assert_eq!(approved.status, StatusCode::OK, "{}", approved.body);
    let again = call::<sf::DecideOrgRequest>(
        &mut superadmin,
        &format!("request_id={id}&approve=false&note=no"),
    )
    .await;
    assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);

    // The requester administers the new organization.
    let abilities = json(&call::<sf::MyAbilities>(&mut requester, "org=boots-league").await);
    let actions = abilities["actions"].as_array().unwrap();
    assert!(actions.iter().any(|a| a == "member:roles"), "{abilities}");
});

db_test!(
    the_admin_page_snapshot_holds_only_what_the_viewer_may_see,
    |db: Db| async move {
        let mut admin = browser(&db, Some("Zelda Speedster")).await;
        let mut reviewer = browser(&db, Some("Pendant Hunter")).await;
        let mut outsider = browser(&db, Some("Kraid Cruncher")).await;
        let args = "org=alttpr&audit_page=1";

        let full = json(&call::<sf::OrgAdminSnapshot>(&mut admin, args).await);
        assert!(!full["members"].as_array().unwrap().is_empty());
        assert!(!full["roles"][0]["statements"]
            .as_array()
            .unwrap()
            .is_empty());
        assert!(!full["invites"].as_array().unwrap().is_empty());
        assert!(full["audit"].is_object());

        // Async Reviewer: no member list, no invites, no audit log.
        let limited = json(&call::<sf::OrgAdminSnapshot>(&mut reviewer, args).await);
        assert!(limited["abilities"]["actions"]
            .as_array()
            .unwrap()
            .iter()
            .any(|a| a == "async_qualifier:review"));
        assert_eq!(limited["members"], serde_json::json!([]));
        assert_eq!(limited["invites"], serde_json::json!([]));
        assert!(limited["audit"].is_null());

        let none = json(&call::<sf::OrgAdminSnapshot>(&mut outsider, args).await);
        assert_eq!(none["abilities"]["member"], false);
        assert_eq!(none["members"], serde_json::json!([]));
        assert_eq!(none["roles"], serde_json::json!([]));
        assert!(none["audit"].is_null());
    }
);

db_test!(
    org_settings_validate_the_discord_server_and_are_audited,
    |db: Db| async move {
        let mut admin = browser(&db, Some("Zelda Speedster")).await;
        let mut league = browser(&db, Some("Kraid Cruncher")).await;
        let base = "org=alttpr&name=ALTTPR+Community&description=Weekly+races";
        let bad =
            call::<sf::UpdateOrgSettings>(&mut admin, &format!("{base}&discord_guild_id=12ab"))
                .await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(
            bad.body
                .contains("discord_guild_id: a Discord server id is 17 to 20 digits"),
            "{}",
            bad.body
        );

        // An org admin links a server through the bot invite, which checks they administer
        // it; typing an id is for SUPERADMIN.
        let typed = call::<sf::UpdateOrgSettings>(
            &mut admin,
            &format!("{base}&discord_guild_id=123456789012345678"),
        )
        .await;
        assert_eq!(typed.status, StatusCode::BAD_REQUEST);
        assert!(
            typed.body.contains("discord_guild_id: link a server with"),
            "{}",
            typed.body
        );
        let mut superadmin = browser(&db, Some("Synack")).await;
        let linked = call::<sf::UpdateOrgSettings>(
            &mut superadmin,
            &format!("{base}&discord_guild_id=123456789012345678"),
        )
        .await;
        assert_eq!(linked.status, StatusCode::OK, "{}", linked.body);
        let taken = call::<sf::UpdateOrgSettings>(
            &mut superadmin,
            "org=sm-league&name=Super+Metroid+League&description=&discord_guild_id=123456789012345678",
        )
        .await;
        assert_eq!(taken.status, StatusCode::BAD_REQUEST);
        assert!(
            taken.body.contains("linked to another organization"),
            "{}",
            taken.body
        );
        // Keeping the linked server while changing the rest needs no more than org:update.
        let kept = call::<sf::UpdateOrgSettings>(
            &mut admin,
            &format!("{base}&discord_guild_id=123456789012345678"),
        )
        .await;
        assert_eq!(kept.status, StatusCode::OK, "{}", kept.body);
        let same_name = call::<sf::UpdateOrgSettings>(
            &mut league,
            "org=sm-league&name=alttpr+community&description=&discord_guild_id=",
        )
        .await;
        assert!(
            same_name
                .body
                .contains("name: another organization has this name"),
            "{}",
            same_name.body
        );

        let snapshot =
            json(&call::<sf::OrgAdminSnapshot>(&mut admin, "org=alttpr&audit_page=1").await);
        assert_eq!(
            snapshot["settings"]["discord_guild_id"],
            "123456789012345678"
        );
        let logged = snapshot["audit"]["items"][0]["action"].clone();
        assert_eq!(logged, "org.updated");
    }
);

db_test!(
    a_superadmin_creates_organizations_with_their_roles,
    |db: Db| async move {
        let mut root = browser(&db, Some("Synack")).await;
        let made =
            call::<sf::CreateOrg>(&mut root, "slug=ootr&name=OoT+Randomizer&description=").await;
        assert_eq!(json(&made), "ootr");
        let again = call::<sf::CreateOrg>(&mut root, "slug=ootr&name=Other&description=").await;
        assert_eq!(again.status, StatusCode::CONFLICT, "{}", again.body);
        let bad = call::<sf::CreateOrg>(&mut root, "slug=Not+A+Slug&name=X&description=").await;
        assert_eq!(bad.status, StatusCode::BAD_REQUEST);
        assert!(bad.body.contains("slug:"), "{}", bad.body);
        let all = json(&call::<sf::ListAllOrgs>(&mut root, "page=1").await);
        assert_eq!(all["total"], 3);
        let roles = json(&call::<sf::ListRoles>(&mut root, "org=ootr").await);
        assert_eq!(roles.as_array().unwrap().len(), 5);
    }
);

db_test!(
    page_numbers_out_of_range_are_refused_by_name,
    |db: Db| async move {
        let mut root = browser(&db, Some("Synack")).await;
        let huge = i64::MAX;
        let calls = [
            (sf::ListUsers::PATH, format!("search=&page={huge}"), "page"),
            (sf::AuditLog::PATH, format!("page={huge}"), "page"),
            (
                sf::OrgAuditLog::PATH,
                format!("org=alttpr&page={huge}"),
                "page",
            ),
            (sf::ListAllOrgs::PATH, "page=0".to_string(), "page"),
            (
                sf::ListOrgRequests::PATH,
                format!("status=pending&page={huge}"),
                "page",
            ),
            (
                sf::OrgAdminSnapshot::PATH,
                format!("org=alttpr&audit_page={huge}"),
                "audit_page",
            ),
        ];
        for (path, args, param) in calls {
            let answer = root.post_form(path, &args, "same-origin").await;
            assert_eq!(
                answer.status,
                StatusCode::BAD_REQUEST,
                "{path}: {}",
                answer.body
            );
            assert!(
                answer
                    .body
                    .contains(&format!("{param}: must be a page number")),
                "{path}: {}",
                answer.body
            );
        }
        let fine = root
            .post_form(sf::AuditLog::PATH, "page=1", "same-origin")
            .await;
        assert_eq!(fine.status, StatusCode::OK, "{}", fine.body);
    }
);

/// Form-encodes `text` for a server function's arguments.
fn form_value(text: &str) -> String {
    text.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

db_test!(
    names_with_control_direction_or_invisible_characters_are_refused,
    |db: Db| async move {
        let mut root = browser(&db, Some("Synack")).await;
        let bad_names = [
            ("NUL", "Zel\0da"),
            ("escape sequence", "\u{1b}[31mZelda"),
            ("DEL", "Zelda\u{7f}"),
            ("right-to-left override", "Zelda\u{202E}adleZ"),
            ("line break", "Zel\r\nda"),
            ("only zero-width spaces", "\u{200B}\u{200B}\u{200B}"),
        ];
        for (what, name) in bad_names {
            let name = form_value(name);
            let calls = [
                (
                    sf::UpdateProfile::PATH,
                    format!("display_name={name}&pronouns="),
                    "display_name",
                ),
                (
                    sf::CreateToken::PATH,
                    format!("name={name}&expires_in_days=30"),
                    "name",
                ),
                (
                    sf::CreateOrg::PATH,
                    format!("slug=probe-org&name={name}&description="),
                    "name",
                ),
                (
                    sf::FileOrgRequest::PATH,
                    format!("slug=probe-req&name={name}&description=&reason=because"),
                    "name",
                ),
            ];
            for (path, args, field) in calls {
                let answer = root.post_form(path, &args, "same-origin").await;
                assert_eq!(
                    answer.status,
                    StatusCode::BAD_REQUEST,
                    "{what} at {path}: {}",
                    answer.body
                );
                assert!(
                    answer.body.contains(&format!("{field}: ")),
                    "{what} at {path}: {}",
                    answer.body
                );
            }
        }
        let unchanged = json(&call::<sf::MyProfile>(&mut root, "").await);
        assert_eq!(unchanged["display_name"], "Synack");
        assert_eq!(
            json(&call::<sf::MyTokens>(&mut root, "").await),
            serde_json::json!([])
        );

        // Text is stored trimmed and in NFC: "e" + U+0301 is kept as "é".
        let fine = root
            .post_form(
                sf::UpdateProfile::PATH,
                &format!("display_name={}&pronouns=", form_value("  Syne\u{301}  ")),
                "same-origin",
            )
            .await;
        assert_eq!(fine.status, StatusCode::OK, "{}", fine.body);
        let profile = json(&call::<sf::MyProfile>(&mut root, "").await);
        assert_eq!(profile["display_name"], "Syn\u{e9}");
    }
);

db_test!(
    a_superadmin_archives_restores_and_deletes_an_organization,
    |db: Db| async move {
        let mut root = browser(&db, Some("Synack")).await;
        let mut admin = browser(&db, Some("Zelda Speedster")).await;
        let org_id = sahabot_core::repo::orgs::id_by_slug(&db, "alttpr")
            .await
            .unwrap()
            .unwrap();

        let refused = call::<sf::SetOrgArchived>(&mut admin, "slug=alttpr&archived=true").await;
        assert_eq!(refused.status, StatusCode::FORBIDDEN, "{}", refused.body);

        let archived = call::<sf::SetOrgArchived>(&mut root, "slug=alttpr&archived=true").await;
        assert_eq!(archived.status, StatusCode::OK, "{}", archived.body);
        // Its pages, its functions and its plugins stop; its data stays.
        assert_eq!(root.get("/org/alttpr").await.status, StatusCode::NOT_FOUND);
        let scoped = call::<sf::OrgAuditLog>(&mut root, "org=alttpr&page=1").await;
        assert_eq!(scoped.status, StatusCode::NOT_FOUND, "{}", scoped.body);
        assert!(
            sahabot_core::repo::plugins::enabled_for_org(db.pool(), org_id)
                .await
                .unwrap()
                .is_empty()
        );
        assert!(!root.get("/").await.body.contains("ALTTPR Community"));
        let members: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM organization_members WHERE organization_id = $1",
        )
        .bind(org_id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert!(members > 0);

        // Deleting needs an archived organization and its address typed again.
        let active =
            call::<sf::DeleteOrg>(&mut root, "slug=sm-league&confirmation=sm-league").await;
        assert_eq!(active.status, StatusCode::CONFLICT, "{}", active.body);
        let unconfirmed = call::<sf::DeleteOrg>(&mut root, "slug=alttpr&confirmation=alttp").await;
        assert_eq!(unconfirmed.status, StatusCode::BAD_REQUEST);
        assert!(unconfirmed
            .body
            .contains("confirmation: type the organization's address"));

        let restored = call::<sf::SetOrgArchived>(&mut root, "slug=alttpr&archived=false").await;
        assert_eq!(restored.status, StatusCode::OK, "{}", restored.body);
        assert_eq!(root.get("/org/alttpr").await.status, StatusCode::OK);
        assert!(
            !sahabot_core::repo::plugins::enabled_for_org(db.pool(), org_id)
                .await
                .unwrap()
                .is_empty()
        );

        call::<sf::SetOrgArchived>(&mut root, "slug=alttpr&archived=true").await;
        let deleted = call::<sf::DeleteOrg>(&mut root, "slug=alttpr&confirmation=alttpr").await;
        assert_eq!(deleted.status, StatusCode::OK, "{}", deleted.body);
        assert_eq!(
            sahabot_core::repo::orgs::any_by_slug(&db, "alttpr")
                .await
                .unwrap(),
            None
        );
        let left: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM organization_members WHERE organization_id = $1",
        )
        .bind(org_id)
        .fetch_one(db.pool())
        .await
        .unwrap();
        assert_eq!(left, 0);
        let trail: Vec<String> = sqlx::query_scalar(
            "SELECT action FROM audit_log WHERE action LIKE 'org.%' AND details LIKE '%alttpr%' ORDER BY id",
        )
        .fetch_all(db.pool())
        .await
        .unwrap();
        assert_eq!(
            trail,
            [
                "org.archived",
                "org.restored",
                "org.archived",
                "org.deleted"
            ]
        );
    }
);

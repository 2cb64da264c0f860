//! Roles, invites and organization requests on both engines.

#![allow(clippy::unwrap_used, clippy::panic)] // test helpers may panic

use sahabot_core::authz::{authorize, Subject, BUILTIN_ROLES, CORE_ACTIONS};
use sahabot_core::db::Db;
use sahabot_core::model::{Effect, Permission, RequestStatus, Statement};
use sahabot_core::repo::paging::Window;
use sahabot_core::repo::{invites, members, org_requests, orgs, roles, users};
use sahabot_core::{db_test, Error};

async fn user(db: &Db, name: &str) -> i64 {
    users::create(
        db,
        &users::NewUser {
            display_name: name,
            discord_id: None,
            discord_username: None,
            pronouns: None,
            permission: Permission::User,
        },
    )
    .await
    .unwrap()
}

/// A new invite link of `org`, made in its own unit of work.
async fn new_invite(
    db: &Db,
    org: i64,
    max_uses: Option<i64>,
    expires_at: Option<i64>,
) -> Result<sahabot_core::model::Invite, Error> {
    let invite = invites::NewInvite {
        max_uses,
        expires_at,
    };
    db.change(async |w| invites::create(w, org, None, &invite).await)
        .await
}

fn subject(user_id: i64) -> Subject {
    Subject {
        user_id,
        permission: Permission::User,
        active: true,
    }
}

fn known() -> impl Iterator<Item = &'static str> + Clone {
    CORE_ACTIONS
        .iter()
        .map(|(a, _)| *a)
        .chain(["tournament:create", "tournament:read"])
}

db_test!(new_orgs_get_every_builtin_role, |db: Db| async move {
    let org = orgs::create(&db, "alpha", "Alpha", "").await.unwrap();
    let list = roles::list(&db, org).await.unwrap();
    let keys: Vec<_> = list.iter().filter_map(|r| r.builtin.as_deref()).collect();
    let expected: Vec<_> = BUILTIN_ROLES.iter().map(|r| r.key).collect();
    assert_eq!(keys, expected);
    assert!(list.iter().all(|r| !r.statements.is_empty()));
});

db_test!(
    granted_roles_decide_access_in_their_org_only,
    |db: Db| async move {
        let a = orgs::create(&db, "alpha", "Alpha", "").await.unwrap();
        let b = orgs::create(&db, "beta", "Beta", "").await.unwrap();
        let ann = user(&db, "Ann").await;
        members::add(&db, a, ann).await.unwrap();
        members::add(&db, b, ann).await.unwrap();

        let access = roles::org_access(&db, a, ann).await.unwrap();
        assert!(access.member);
        assert!(!authorize(Some(&subject(ann)), &access, "tournament:create", "*").is_allowed());

        let tm = roles::builtin_id(&db, a, "tournament_manager")
            .await
            .unwrap();
        db.change(async |w| roles::grant(w, a, ann, tm, None).await)
            .await
            .unwrap();
        db.change(async |w| roles::grant(w, a, ann, tm, None).await)
            .await
            .unwrap(); // granting twice changes nothing
        let access = roles::org_access(&db, a, ann).await.unwrap();
        assert!(authorize(Some(&subject(ann)), &access, "tournament:create", "*").is_allowed());
        assert!(!authorize(Some(&subject(ann)), &access, "member:remove", "*").is_allowed());
        let in_b = roles::org_access(&db, b, ann).await.unwrap();
        assert!(!authorize(Some(&subject(ann)), &in_b, "tournament:create", "*").is_allowed());

        // A role of org A cannot be granted in org B.
        assert!(matches!(
            db.change(async |w| roles::grant(w, b, ann, tm, None).await)
                .await,
            Err(Error::NotFound(_))
        ));
        db.change(async |w| roles::revoke(w, a, ann, tm).await)
            .await
            .unwrap();
        let access = roles::org_access(&db, a, ann).await.unwrap();
        assert!(!authorize(Some(&subject(ann)), &access, "tournament:create", "*").is_allowed());

        db.change(async |w| members::remove(w, a, ann).await)
            .await
            .unwrap();
        assert!(!roles::org_access(&db, a, ann).await.unwrap().member);
        assert!(matches!(
            db.change(async |w| members::remove(w, a, ann).await).await,
            Err(Error::NotFound(_))
        ));
    }
);

db_test!(
    custom_roles_are_validated_and_deny_wins,
    |db: Db| async move {
        let a = orgs::create(&db, "alpha", "Alpha", "").await.unwrap();
        let ann = user(&db, "Ann").await;
        members::add(&db, a, ann).await.unwrap();
        let statements = vec![
            Statement {
                effect: Effect::Allow,
                actions: vec!["member:*".into()],
                resources: vec!["*".into()],
            },
            Statement {
                effect: Effect::Deny,
                actions: vec!["member:remove".into()],
                resources: vec!["*".into()],
            },
        ];
        let role = roles::CustomRole {
            name: "Greeter",
            description: "welcomes people",
            statements: &statements,
        };
        roles::validate_custom(&role, known()).unwrap();
        let id = db
            .change(async |w| roles::create_custom(w, a, &role).await)
            .await
            .unwrap();
        db.change(async |w| roles::grant(w, a, ann, id, None).await)
            .await
            .unwrap();
        let access = roles::org_access(&db, a, ann).await.unwrap();
        assert!(authorize(Some(&subject(ann)), &access, "member:add", "*").is_allowed());
        assert!(!authorize(Some(&subject(ann)), &access, "member:remove", "*").is_allowed());

        let stored = roles::list(&db, a).await.unwrap();
        let greeter = stored.iter().find(|r| r.id == id).unwrap();
        assert_eq!(greeter.statements, statements);
        assert_eq!(greeter.member_count, 1);

        // Same name (any case) is a conflict; built-in names and typos are refused.
        let dup = roles::CustomRole {
            name: "greeter",
            ..role
        };
        assert!(matches!(
            db.change(async |w| roles::create_custom(w, a, &dup).await)
                .await,
            Err(Error::Conflict(_))
        ));
        let typo = vec![Statement::allow(&["membr:*"])];
        let bad = roles::CustomRole {
            name: "Typo",
            description: "",
            statements: &typo,
        };
        let err = roles::validate_custom(&bad, known()).unwrap_err();
        assert!(err.to_string().contains("matches no known action"), "{err}");
        let builtin_name = roles::CustomRole {
            name: "admin",
            description: "",
            statements: &statements,
        };
        assert!(roles::validate_custom(&builtin_name, known()).is_err());

        // Built-in roles cannot be edited or deleted; custom ones can.
        let admin = roles::builtin_id(&db, a, "admin").await.unwrap();
        assert!(matches!(
            db.change(async |w| roles::update_custom(w, a, admin, &role).await)
                .await,
            Err(Error::Conflict(_))
        ));
        assert!(matches!(
            db.change(async |w| roles::delete_custom(w, a, admin).await)
                .await,
            Err(Error::Conflict(_))
        ));
        let narrowed = vec![Statement::allow(&["member:read"])];
        db.change(async |w| {
            roles::update_custom(
                w,
                a,
                id,
                &roles::CustomRole {
                    name: "Greeter",
                    description: "reads",
                    statements: &narrowed,
                },
            )
            .await
        })
        .await
        .unwrap();
        let access = roles::org_access(&db, a, ann).await.unwrap();
        assert!(!authorize(Some(&subject(ann)), &access, "member:add", "*").is_allowed());
        db.change(async |w| roles::delete_custom(w, a, id).await)
            .await
            .unwrap();
        assert!(roles::org_access(&db, a, ann)
            .await
            .unwrap()
            .statements
            .is_empty());
    }
);

db_test!(invites_count_uses_and_expire, |db: Db| async move {
    let a = orgs::create(&db, "alpha", "Alpha", "the first")
        .await
        .unwrap();
    let ann = user(&db, "Ann").await;
    let bob = user(&db, "Bob").await;
    let cid = user(&db, "Cid").await;
    let invite = new_invite(&db, a, Some(2), None).await.unwrap();
    assert_eq!(invite.slug.len(), 12);
    assert_eq!(
        invites::preview(&db, &invite.slug).await.unwrap().org_name,
        "Alpha"
    );
    assert_eq!(
        db.change(async |w| invites::redeem(w, &invite.slug, ann).await)
            .await
            .unwrap()
            .1,
        "alpha"
    );
    // Already a member: refused, and the use is not counted.
    assert!(matches!(
        db.change(async |w| invites::redeem(w, &invite.slug, ann).await)
            .await,
        Err(Error::Conflict(_))
    ));
    db.change(async |w| invites::redeem(w, &invite.slug, bob).await)
        .await
        .unwrap();
    assert!(matches!(
        db.change(async |w| invites::redeem(w, &invite.slug, cid).await)
            .await,
        Err(Error::NotFound(_))
    ));
    assert!(invites::preview(&db, &invite.slug).await.is_err());
    assert_eq!(invites::list(&db, a).await.unwrap()[0].uses_count, 2);
    assert!(!roles::org_access(&db, a, cid).await.unwrap().member);

    assert!(matches!(
        db.change(async |w| invites::redeem(w, "no-such-invite", cid).await)
            .await,
        Err(Error::NotFound(_))
    ));
    let withdrawn = new_invite(&db, a, None, None).await.unwrap();
    let b = orgs::create(&db, "beta", "Beta", "").await.unwrap();
    assert!(matches!(
        db.change(async |w| invites::deactivate(w, b, withdrawn.id).await)
            .await,
        Err(Error::NotFound(_))
    ));
    db.change(async |w| invites::deactivate(w, a, withdrawn.id).await)
        .await
        .unwrap();
    assert!(db
        .change(async |w| invites::redeem(w, &withdrawn.slug, cid).await)
        .await
        .is_err());

    // Expiry: validated on creation, enforced on use.
    let past = new_invite(&db, a, None, Some(1)).await;
    assert!(matches!(
        past,
        Err(Error::Invalid {
            field: "expires_at",
            ..
        })
    ));
    let zero = invites::NewInvite {
        max_uses: Some(0),
        expires_at: None,
    };
    assert!(matches!(
        db.change(async |w| invites::create(w, a, None, &zero).await)
            .await,
        Err(Error::Invalid {
            field: "max_uses",
            ..
        })
    ));
    let soon = new_invite(&db, a, None, Some(sahabot_core::time::now_millis() + 50))
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(80)).await;
    assert!(db
        .change(async |w| invites::redeem(w, &soon.slug, cid).await)
        .await
        .is_err());
    assert!(!roles::org_access(&db, a, cid).await.unwrap().member);
});

db_test!(
    org_requests_are_approved_or_rejected_once,
    |db: Db| async move {
        let ann = user(&db, "Ann").await;
        let root = user(&db, "Root").await;
        let request = org_requests::NewRequest {
            slug: "new-league",
            name: "New League",
            description: "a league",
            reason: "we race weekly",
        };
        let id = db
            .change(async |w| org_requests::file(w, ann, &request).await)
            .await
            .unwrap();
        // The same slug cannot be requested twice while pending.
        assert!(matches!(
            db.change(async |w| org_requests::file(w, root, &request).await)
                .await,
            Err(Error::Invalid { field: "slug", .. })
        ));
        let no_reason = org_requests::NewRequest {
            slug: "other",
            reason: " ",
            ..request
        };
        assert!(matches!(
            db.change(async |w| org_requests::file(w, ann, &no_reason).await)
                .await,
            Err(Error::Invalid {
                field: "reason",
                ..
            })
        ));
        let pending = org_requests::list(
            &db,
            RequestStatus::Pending,
            Window::new("page", 1, 10).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(pending.total, 1);
        assert_eq!(pending.items[0].requester_name, "Ann");

        let (org, _) = db
            .change(async |w| org_requests::approve(w, id, root, "").await)
            .await
            .unwrap();
        assert_eq!(
            orgs::id_by_slug(&db, "new-league").await.unwrap(),
            Some(org)
        );
        let access = roles::org_access(&db, org, ann).await.unwrap();
        assert!(authorize(Some(&subject(ann)), &access, "member:roles", "*").is_allowed());
        assert!(matches!(
            db.change(async |w| org_requests::approve(w, id, root, "").await)
                .await,
            Err(Error::Conflict(_))
        ));
        assert!(matches!(
            db.change(async |w| org_requests::reject(w, id, root, "no").await)
                .await,
            Err(Error::Conflict(_))
        ));

        let second = db
            .change(async |w| {
                org_requests::file(
                    w,
                    ann,
                    &org_requests::NewRequest {
                        slug: "second",
                        ..request
                    },
                )
                .await
            })
            .await
            .unwrap();
        assert!(matches!(
            db.change(async |w| org_requests::reject(w, second, root, "").await)
                .await,
            Err(Error::Invalid { field: "note", .. })
        ));
        db.change(async |w| org_requests::reject(w, second, root, "one is enough").await)
            .await
            .unwrap();
        let mine = org_requests::of_user(&db, ann).await.unwrap();
        assert_eq!(mine[0].status, RequestStatus::Rejected);
        assert_eq!(mine[0].review_note.as_deref(), Some("one is enough"));
        assert_eq!(orgs::id_by_slug(&db, "second").await.unwrap(), None);

        // Approving a request whose slug was taken meanwhile fails and leaves it pending.
        let third = db
            .change(async |w| {
                org_requests::file(
                    w,
                    ann,
                    &org_requests::NewRequest {
                        slug: "third",
                        name: "Third",
                        ..request
                    },
                )
                .await
            })
            .await
            .unwrap();
        orgs::create(&db, "third", "Third Org", "").await.unwrap();
        assert!(db
            .change(async |w| org_requests::approve(w, third, root, "").await)
            .await
            .is_err());
        let pending = org_requests::list(
            &db,
            RequestStatus::Pending,
            Window::new("page", 1, 10).unwrap(),
        )
        .await
        .unwrap();
        assert_eq!(pending.items[0].id, third);
    }
);

db_test!(
    racing_joins_never_exceed_an_invites_uses,
    |db: Db| async move {
        let org = orgs::create(&db, "alpha", "Alpha", "").await.unwrap();
        let invite = new_invite(&db, org, Some(5), None).await.unwrap();
        let mut people = Vec::new();
        for i in 0..20 {
            people.push(user(&db, &format!("Racer {i}")).await);
        }
        let joins = people.into_iter().map(|id| {
            let db = db.clone();
            let slug = invite.slug.clone();
            tokio::spawn(async move {
                db.change(async |w| invites::redeem(w, &slug, id).await)
                    .await
            })
        });
        let mut joined = 0;
        for join in joins {
            match join.await.unwrap() {
                Ok(_) => joined += 1,
                Err(Error::NotFound(_)) => {}
                Err(other) => panic!("a racing join failed with {other}"),
            }
        }
        assert_eq!(joined, 5);
        assert_eq!(invites::list(&db, org).await.unwrap()[0].uses_count, 5);
    }
);

db_test!(
    a_members_only_list_is_seen_by_members_and_staff,
    |db: Db| async move {
        use sahabot_core::repo::members::{list_for, MemberList};
        let org = orgs::create(&db, "alpha", "Alpha", "").await.unwrap();
        let ann = user(&db, "Ann").await;
        let bob = user(&db, "Bob").await;
        members::add(&db, org, ann).await.unwrap();
        let names = |list: MemberList| match list {
            MemberList::Visible(members) => members.into_iter().map(|m| m.display_name).collect(),
            MemberList::MembersOnly => vec!["(hidden)".to_string()],
        };
        let admin = users::create(
            &db,
            &users::NewUser {
                display_name: "Staff",
                discord_id: None,
                discord_username: None,
                pronouns: None,
                permission: Permission::Admin,
            },
        )
        .await
        .unwrap();
        assert_eq!(names(list_for(&db, "alpha", None).await.unwrap()), ["Ann"]);
        db.change(async |w| orgs::update_settings(w, org, "Alpha", "", None, false).await)
            .await
            .unwrap();
        assert_eq!(
            names(list_for(&db, "alpha", None).await.unwrap()),
            ["(hidden)"]
        );
        assert_eq!(
            names(list_for(&db, "alpha", Some(bob)).await.unwrap()),
            ["(hidden)"]
        );
        assert_eq!(
            names(list_for(&db, "alpha", Some(ann)).await.unwrap()),
            ["Ann"]
        );
        assert_eq!(
            names(list_for(&db, "alpha", Some(admin)).await.unwrap()),
            ["Ann"]
        );
        assert!(matches!(
            list_for(&db, "nope", None).await,
            Err(Error::NotFound(_))
        ));
    }
);

db_test!(
    the_directory_of_organizations_follows_changes_made_here_at_once,
    |db: Db| async move {
        let dir = db.directory();
        // An unknown slug is not remembered: the organization is found once it exists.
        assert_eq!(dir.lookup(&db, "gamma").await.unwrap(), None);
        let id = orgs::create(&db, "gamma", "Gamma", "").await.unwrap();
        assert_eq!(
            dir.lookup(&db, "gamma").await.unwrap(),
            Some((id, "Gamma".into()))
        );
        // Renamed, then archived, then restored: each shows at once.
        db.change(async |w| orgs::update_settings(w, id, "Gamma League", "", None, true).await)
            .await
            .unwrap();
        assert_eq!(
            dir.lookup(&db, "gamma").await.unwrap(),
            Some((id, "Gamma League".into()))
        );
        db.change(async |w| orgs::set_active(w, id, false).await)
            .await
            .unwrap();
        assert_eq!(dir.lookup(&db, "gamma").await.unwrap(), None);
        db.change(async |w| orgs::set_active(w, id, true).await)
            .await
            .unwrap();
        assert_eq!(
            dir.lookup(&db, "gamma").await.unwrap(),
            Some((id, "Gamma League".into()))
        );
        // A change rolled back forgets nothing and changes nothing.
        let mut w = db.write().await.unwrap();
        orgs::set_active(&mut w, id, false).await.unwrap();
        drop(w);
        assert_eq!(
            dir.lookup(&db, "gamma").await.unwrap(),
            Some((id, "Gamma League".into()))
        );
    }
);

db_test!(
    an_organizations_roster_follows_changes_made_here_at_once,
    |db: Db| async move {
        let org = orgs::create(&db, "delta", "Delta", "About Delta")
            .await
            .unwrap();
        let roster = async || db.directory().roster(&db, org).await.unwrap().unwrap();
        let names = |r: &sahabot_core::directory::Roster| -> Vec<String> {
            r.members.iter().map(|m| m.display_name.clone()).collect()
        };
        assert_eq!(roster().await.description, "About Delta");
        assert!(roster().await.members.is_empty());

        let cy = user(&db, "Cy").await;
        let bea = user(&db, "Bea").await;
        members::add(&db, org, cy).await.unwrap();
        members::add(&db, org, bea).await.unwrap();
        assert_eq!(names(&*roster().await), ["Bea", "Cy"]);

        db.change(async |w| users::update_profile(w, cy, "Ayla", Some("she/her")).await)
            .await
            .unwrap();
        assert_eq!(names(&*roster().await), ["Ayla", "Bea"]);
        assert_eq!(
            roster().await.members[0].pronouns.as_deref(),
            Some("she/her")
        );

        db.change(async |w| users::set_active(w, bea, false).await)
            .await
            .unwrap();
        assert_eq!(names(&*roster().await), ["Ayla"]);

        db.change(async |w| members::remove(w, org, cy).await)
            .await
            .unwrap();
        assert!(roster().await.members.is_empty());

        db.change(async |w| {
            orgs::update_settings(w, org, "Delta", "Now private", None, false).await
        })
        .await
        .unwrap();
        let now = roster().await;
        assert_eq!(
            (now.description.as_str(), now.member_list_public),
            ("Now private", false)
        );

        db.change(async |w| orgs::set_active(w, org, false).await)
            .await
            .unwrap();
        assert_eq!(db.directory().roster(&db, org).await.unwrap(), None);

        // A change rolled back forgets nothing and changes nothing.
        db.change(async |w| orgs::set_active(w, org, true).await)
            .await
            .unwrap();
        let mut w = db.write().await.unwrap();
        members::add_in(&mut w, org, cy).await.unwrap();
        drop(w);
        assert_eq!(roster().await.description, "Now private");
        assert!(roster().await.members.is_empty());
    }
);

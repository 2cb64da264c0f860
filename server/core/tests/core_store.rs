//! The core repositories on both engines.

#![allow(clippy::unwrap_used)] // test helpers may panic

use sahabot_core::db::Db;
use sahabot_core::model::Permission;
use sahabot_core::repo::{members, orgs, users};
use sahabot_core::{db_test, demo, migrate, Error};

fn user(name: &str) -> users::NewUser<'_> {
    users::NewUser {
        display_name: name,
        discord_id: None,
        discord_username: None,
        pronouns: None,
        permission: Permission::User,
    }
}

db_test!(orgs_list_with_member_counts, |db: Db| async move {
    let a = orgs::create(&db, "beta", "Beta", "second").await.unwrap();
    orgs::create(&db, "alpha", "Alpha", "first").await.unwrap();
    let u = users::create(&db, &user("Ann")).await.unwrap();
    members::add(&db, a, u).await.unwrap();

    let list = orgs::list(&db).await.unwrap();
    let names: Vec<_> = list
        .iter()
        .map(|o| (o.slug.as_str(), o.member_count))
        .collect();
    assert_eq!(names, vec![("alpha", 0), ("beta", 1)]);
    assert_eq!(
        orgs::by_slug(&db, "beta")
            .await
            .unwrap()
            .unwrap()
            .description,
        "second"
    );
    assert!(orgs::by_slug(&db, "nope").await.unwrap().is_none());
});

db_test!(
    bad_org_input_is_refused_and_changes_nothing,
    |db: Db| async move {
        orgs::create(&db, "alpha", "Alpha", "").await.unwrap();
        assert!(matches!(
            orgs::create(&db, "alpha", "Other", "").await,
            Err(Error::Conflict(_))
        ));
        assert!(matches!(
            orgs::create(&db, "Bad Slug", "X", "").await,
            Err(Error::Invalid { field: "slug", .. })
        ));
        assert!(matches!(
            orgs::create(&db, "ok-slug", "   ", "").await,
            Err(Error::Invalid { field: "name", .. })
        ));
        assert_eq!(orgs::list(&db).await.unwrap().len(), 1);
    }
);

db_test!(members_are_listed_by_name_once, |db: Db| async move {
    let org = orgs::create(&db, "alpha", "Alpha", "").await.unwrap();
    let zed = users::create(&db, &user("Zed")).await.unwrap();
    let amy = users::create(
        &db,
        &users::NewUser {
            pronouns: Some("she/her"),
            ..user("Amy")
        },
    )
    .await
    .unwrap();
    members::add(&db, org, zed).await.unwrap();
    members::add(&db, org, amy).await.unwrap();
    assert!(matches!(
        members::add(&db, org, amy).await,
        Err(Error::Conflict(_))
    ));

    let roster = db.directory().roster(&db, org).await.unwrap().unwrap();
    let list = &roster.members;
    let names: Vec<_> = list.iter().map(|m| m.display_name.as_str()).collect();
    assert_eq!(names, vec!["Amy", "Zed"]);
    assert_eq!(list[0].pronouns.as_deref(), Some("she/her"));
    assert!(list[0].joined_at > 0);
});

db_test!(
    migrations_are_idempotent_and_edits_are_refused,
    |db: Db| async move {
        assert_eq!(migrate::run_core(&db).await.unwrap(), 0);
        let edited = [migrate::Migration {
            name: "0001_core",
            sql: "CREATE TABLE x (id {{pk}})",
        }];
        assert!(matches!(
            migrate::run(&db, &edited).await,
            Err(Error::MigrationEdited(name)) if name == "0001_core"
        ));
    }
);

db_test!(
    a_failing_migration_leaves_nothing_behind,
    |db: Db| async move {
        let broken = [migrate::Migration {
            name: "0002_broken",
            sql: "CREATE TABLE half_done (id {{pk}}); CREATE TABLE oops (",
        }];
        assert!(matches!(
            migrate::run(&db, &broken).await,
            Err(Error::Migration { .. })
        ));
        let recorded: i64 =
            sqlx::query_scalar("SELECT COUNT(*) FROM schema_migrations WHERE name = '0002_broken'")
                .fetch_one(db.pool())
                .await
                .unwrap();
        assert_eq!(recorded, 0);
        assert!(sqlx::query("SELECT * FROM half_done")
            .fetch_all(db.pool())
            .await
            .is_err());
    }
);

db_test!(demo_data_loads_once, |db: Db| async move {
    assert_eq!(
        demo::seed(&db).await.unwrap(),
        demo::Outcome::Loaded {
            users: demo::USERS.len(),
            orgs: demo::ORGS.len()
        }
    );
    assert_eq!(
        demo::seed(&db).await.unwrap(),
        demo::Outcome::AlreadyPresent
    );
    assert_eq!(users::count(&db).await.unwrap(), demo::USERS.len() as i64);
    let orgs = orgs::list(&db).await.unwrap();
    assert_eq!(orgs.len(), 2);
    assert!(orgs.iter().all(|o| o.member_count >= 3));
});

db_test!(the_database_reports_reachability, |db: Db| async move {
    assert!(db.is_reachable().await);
    db.close().await;
    assert!(!db.is_reachable().await);
});

//! Every change a core service makes commits together with its audit entry: when the entry
//! cannot be written, the change is not kept either. On both engines.

#![allow(clippy::unwrap_used, clippy::panic)] // test helpers may panic

use sahabot_core::db::Db;
use sahabot_core::model::{Permission, Statement};
use sahabot_core::repo::{invites, members, orgs, roles, tokens, users};
use sahabot_core::service::{self, Actor};
use sahabot_core::{db_test, Error};

async fn user(db: &Db, name: &str, permission: Permission) -> i64 {
    users::create(
        db,
        &users::NewUser {
            display_name: name,
            discord_id: None,
            discord_username: None,
            pronouns: None,
            permission,
        },
    )
    .await
    .unwrap()
}

/// Makes every audit insert fail until [`restore_audit`], as a full disk or a crash between
/// the two writes would.
async fn break_audit(db: &Db) {
    sqlx::query("ALTER TABLE audit_log RENAME TO audit_log_away")
        .execute(db.pool())
        .await
        .unwrap();
}

async fn restore_audit(db: &Db) {
    sqlx::query("ALTER TABLE audit_log_away RENAME TO audit_log")
        .execute(db.pool())
        .await
        .unwrap();
}

/// How many rows the tables the changes below write to hold.
async fn row_counts(db: &Db) -> Vec<i64> {
    let mut counts = Vec::new();
    for table in [
        "org_roles",
        "org_member_roles",
        "org_invites",
        "api_tokens",
        "organizations",
        "organization_members",
    ] {
        counts.push(count(db, &format!("SELECT COUNT(*) FROM {table}")).await);
    }
    counts
}

async fn count(db: &Db, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(db.pool()).await.unwrap()
}

fn failed<T: std::fmt::Debug>(result: Result<T, Error>, what: &str) {
    assert!(
        matches!(result, Err(Error::Database(_))),
        "{what}: {result:?}"
    );
}

db_test!(
    a_change_is_not_kept_when_its_audit_entry_cannot_be_written,
    |db: Db| async move {
        let root = user(&db, "Root", Permission::Superadmin).await;
        let ann = user(&db, "Ann", Permission::User).await;
        let actor = Actor {
            user_id: root,
            ip: None,
        };
        let ann_actor = Actor {
            user_id: ann,
            ip: None,
        };
        let org = orgs::create(&db, "alpha", "Alpha", "").await.unwrap();
        members::add(&db, org, ann).await.unwrap();
        let moderator = roles::builtin_id(&db, org, "moderator").await.unwrap();
        let statements = [Statement {
            effect: sahabot_core::model::Effect::Allow,
            actions: vec!["member:read".into()],
            resources: vec!["*".into()],
        }];
        let role = roles::CustomRole {
            name: "Helpers",
            description: "",
            statements: &statements,
        };
        let before = row_counts(&db).await;

        break_audit(&db).await;
        let known = ["member:read"];
        failed(
            service::roles::save(&db, &actor, org, None, &role, known).await,
            "role created",
        );
        failed(
            service::members::set_role(&db, &actor, org, ann, moderator, true).await,
            "role granted",
        );
        failed(
            service::invites::create(&db, &actor, org, Some(3), None).await,
            "invite created",
        );
        failed(
            service::tokens::create(&db, &ann_actor, "laptop", 30).await,
            "token created",
        );
        failed(
            service::orgs::create(&db, &actor, "beta", "Beta", "").await,
            "organization created",
        );
        failed(
            service::members::remove(&db, &actor, org, ann).await,
            "member removed",
        );
        failed(
            service::users::update_profile(&db, &ann_actor, "Annie", None).await,
            "profile updated",
        );
        restore_audit(&db).await;

        let after = row_counts(&db).await;
        assert_eq!(after, before);
        let name: String = sqlx::query_scalar("SELECT display_name FROM users WHERE id = $1")
            .bind(ann)
            .fetch_one(db.pool())
            .await
            .unwrap();
        assert_eq!(name, "Ann");

        // With the audit log back, the same change is kept with its entry.
        service::tokens::create(&db, &ann_actor, "laptop", 30)
            .await
            .unwrap();
        assert_eq!(
            tokens::of_user(&db, ann).await.unwrap().len(),
            1,
            "the token is kept"
        );
        assert_eq!(
            count(
                &db,
                "SELECT COUNT(*) FROM audit_log WHERE action = 'token.created'"
            )
            .await,
            1
        );
        assert!(invites::list(&db, org).await.unwrap().is_empty());
    }
);

//! A signed-in request's standing (its session, its user's record, their roles) is kept a
//! moment by each instance, on SQLite and PostgreSQL: a change committed through this instance
//! decides the very next request; one made elsewhere (another instance on the same database,
//! written here straight to the tables) decides requests once the kept entries expire.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use axum::http::StatusCode;
use common::{browser_as, demo_user_id, org_ref};
use sahabot_core::db::{Db, Dialect};
use sahabot_core::db_test;
use sahabot_core::repo::roles;
use sahabot_core::standing::STANDING_TTL;

const ADMIN_PAGE: &str = "/org/alttpr/admin";

/// Zelda Speedster, signed in, opening her organization's administration; the organization's
/// id and hers.
async fn zelda_at_the_admin_page(db: &Db) -> (common::Browser, i64, i64) {
    let mut zelda = browser_as(db, Some("Zelda Speedster")).await;
    assert_eq!(zelda.get(ADMIN_PAGE).await.status, StatusCode::OK);
    let org = org_ref(db, "alttpr").await.id;
    let user = demo_user_id(db, "Zelda Speedster").await;
    (zelda, org, user)
}

async fn after_the_ttl() {
    tokio::time::sleep(STANDING_TTL + std::time::Duration::from_millis(200)).await;
}

db_test!(
    a_role_taken_away_here_decides_the_next_request,
    |db: Db| async move {
        let (mut zelda, org, user) = zelda_at_the_admin_page(&db).await;
        let admin = roles::builtin_id(&db, org, "admin").await.unwrap();
        db.change(async |w| roles::revoke(w, org, user, admin).await)
            .await
            .unwrap();
        assert_eq!(zelda.get(ADMIN_PAGE).await.status, StatusCode::FORBIDDEN);
        let home = zelda.get("/org/alttpr").await;
        assert!(!home.body.contains(r#"data-testid="org-admin-link""#));
    }
);

db_test!(
    a_role_taken_away_elsewhere_decides_once_the_kept_standing_expires,
    |db: Db| async move {
        let (mut zelda, org, user) = zelda_at_the_admin_page(&db).await;
        sqlx::query(
            "DELETE FROM org_member_roles WHERE member_id IN
                (SELECT id FROM organization_members WHERE organization_id = $1 AND user_id = $2)",
        )
        .bind(org)
        .bind(user)
        .execute(db.pool())
        .await
        .unwrap();
        assert_eq!(
            zelda.get(ADMIN_PAGE).await.status,
            StatusCode::OK,
            "this instance did not make the change: its kept standing still holds"
        );
        after_the_ttl().await;
        assert_eq!(zelda.get(ADMIN_PAGE).await.status, StatusCode::FORBIDDEN);
    }
);

db_test!(
    sessions_ended_elsewhere_end_here_once_the_kept_standing_expires,
    |db: Db| async move {
        let mut zelda = browser_as(&db, Some("Zelda Speedster")).await;
        assert!(zelda.signed_in_as().await.is_some());
        let user = demo_user_id(&db, "Zelda Speedster").await;
        sqlx::query("UPDATE users SET session_epoch = session_epoch + 1 WHERE id = $1")
            .bind(user)
            .execute(db.pool())
            .await
            .unwrap();
        after_the_ttl().await;
        assert_eq!(zelda.signed_in_as().await, None);
    }
);

db_test!(
    a_sign_out_elsewhere_ends_the_session_here_once_its_kept_copy_expires,
    |db: Db| async move {
        let mut zelda = browser_as(&db, Some("Zelda Speedster")).await;
        assert_eq!(
            zelda.signed_in_as().await.as_deref(),
            Some("Zelda Speedster")
        );
        let sessions = match db.dialect() {
            Dialect::Sqlite => "sessions",
            Dialect::Postgres => "tower_sessions.session",
        };
        sqlx::query(&format!("DELETE FROM {sessions}"))
            .execute(db.pool())
            .await
            .unwrap();
        assert_eq!(
            zelda.signed_in_as().await.as_deref(),
            Some("Zelda Speedster"),
            "this instance did not sign her out: its kept session still holds"
        );
        after_the_ttl().await;
        assert_eq!(zelda.signed_in_as().await, None);
    }
);

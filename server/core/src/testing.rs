//! Runs one test body on SQLite and on PostgreSQL.
//!
//! PostgreSQL comes from `SAHABOT_TEST_POSTGRES_URL` (the test script starts a throwaway cluster
//! and sets it). Without it the PostgreSQL half is skipped with a notice, unless
//! `SAHABOT_REQUIRE_POSTGRES=1`, which the test script sets: then a missing server fails.

use std::sync::atomic::{AtomicU32, Ordering};

use crate::db::Db;
use crate::migrate;

/// A migrated database that lives as long as this value.
pub struct TestDb {
    pub db: Db,
    _dir: Option<tempfile::TempDir>,
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

#[allow(clippy::unwrap_used)]
pub async fn sqlite() -> TestDb {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/test.db?mode=rwc", dir.path().display());
    let db = Db::connect(&url).await.unwrap();
    migrate::run_core(&db).await.unwrap();
    TestDb {
        db,
        _dir: Some(dir),
    }
}

/// A fresh, migrated database on the test PostgreSQL server, or `None` when there is none.
#[allow(clippy::unwrap_used, clippy::panic)]
pub async fn postgres() -> Option<TestDb> {
    let Ok(base) = std::env::var("SAHABOT_TEST_POSTGRES_URL") else {
        if std::env::var("SAHABOT_REQUIRE_POSTGRES").as_deref() == Ok("1") {
            panic!("SAHABOT_REQUIRE_POSTGRES=1 but SAHABOT_TEST_POSTGRES_URL is not set");
        }
        eprintln!("PostgreSQL half skipped: SAHABOT_TEST_POSTGRES_URL is not set");
        return None;
    };
    let name = format!(
        "t_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::Relaxed),
        crate::time::now_millis() % 1_000_000
    );
    let admin = Db::connect(&base).await.unwrap();
    sqlx::query(&format!("CREATE DATABASE {name}"))
        .execute(admin.pool())
        .await
        .unwrap();
    admin.close().await;
    let (prefix, _) = base.rsplit_once('/').unwrap();
    let db = Db::connect(&format!("{prefix}/{name}")).await.unwrap();
    migrate::run_core(&db).await.unwrap();
    Some(TestDb { db, _dir: None })
}

/// Declares `mod $name { sqlite, postgres }`: the same async body on both engines.
///
/// ```ignore
/// db_test!(creates_an_org, |db: Db| async move { ... });
/// ```
#[macro_export]
macro_rules! db_test {
    ($name:ident, $body:expr) => {
        mod $name {
            #[allow(unused_imports)]
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                let test_db = $crate::testing::sqlite().await;
                ($body)(test_db.db.clone()).await;
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                if let Some(test_db) = $crate::testing::postgres().await {
                    ($body)(test_db.db.clone()).await;
                }
            }
        }
    };
}

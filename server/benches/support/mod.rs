//! Shared by the benchmarks.

#![allow(clippy::unwrap_used, dead_code)]

use sahabot_core::{db::Db, demo, migrate};

/// A fresh SQLite database with the plugins recorded and the demo data.
pub async fn demo_database() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    let db = Db::connect(&url).await.unwrap();
    migrate::run_core(&db).await.unwrap();
    sahabot_server::plugins::load().unwrap();
    sahabot_server::plugins::start(&db).await.unwrap();
    demo::seed(&db).await.unwrap();
    (dir, db)
}

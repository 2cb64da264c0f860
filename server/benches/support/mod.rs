//! Shared by the benchmarks.

#![allow(clippy::unwrap_used, dead_code)]

use sahabot_core::{db::Db, demo, migrate, testing};

/// A fresh SQLite database with the plugins recorded and the demo data.
pub async fn demo_database() -> (tempfile::TempDir, Db) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/bench.db?mode=rwc", dir.path().display());
    let db = Db::connect(&url).await.unwrap();
    migrate::run_core(&db).await.unwrap();
    seed(&db).await;
    (dir, db)
}

async fn seed(db: &Db) {
    sahabot_server::plugins::load().unwrap();
    sahabot_server::plugins::start(db).await.unwrap();
    demo::seed(db).await.unwrap();
}

/// A demo database on one engine; dropping it removes it.
pub struct BenchDb {
    pub engine: &'static str,
    pub db: Db,
    _keep: Keep,
}

enum Keep {
    Dir(tempfile::TempDir),
    Postgres(testing::TestDb),
}

/// A demo database on SQLite, and one on PostgreSQL when `SAHABOT_TEST_POSTGRES_URL` names a
/// server (`scripts/postgres.sh start` prints one).
pub async fn demo_databases() -> Vec<BenchDb> {
    let (dir, db) = demo_database().await;
    let mut all = vec![BenchDb {
        engine: "SQLite",
        db,
        _keep: Keep::Dir(dir),
    }];
    if std::env::var("SAHABOT_TEST_POSTGRES_URL").is_ok() {
        if let Some(test_db) = testing::postgres().await {
            seed(&test_db.db).await;
            all.push(BenchDb {
                engine: "PostgreSQL",
                db: test_db.db.clone(),
                _keep: Keep::Postgres(test_db),
            });
        }
    }
    all
}

/// The median, minimum and maximum.
pub fn spread(mut values: Vec<f64>) -> (f64, f64, f64) {
    values.sort_by(|a, b| a.total_cmp(b));
    let median = values[values.len() / 2];
    (median, values[0], values[values.len() - 1])
}

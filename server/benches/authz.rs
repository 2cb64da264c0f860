//! What an authorization decision costs: the pure policy evaluation, and a whole check as the
//! central layer makes it per request (organization lookup, the actor's roles and statements
//! from SQLite, evaluation). Run: `cargo bench -p sahabot --bench authz`.

#![allow(clippy::unwrap_used)]

mod support;

use criterion::{criterion_group, criterion_main, Criterion};
use sahabot_core::authz::{authorize, builtin_role, OrgAccess, Subject};
use sahabot_core::model::{CurrentUser, Effect, Permission, Statement};
use sahabot_runtime::access::check;
use sahabot_sdk::Guard;

fn statements() -> Vec<Statement> {
    let mut list = builtin_role("tournament_manager").unwrap().statements();
    list.extend(builtin_role("async_reviewer").unwrap().statements());
    for i in 0..5 {
        list.push(Statement {
            effect: if i == 4 { Effect::Deny } else { Effect::Allow },
            actions: vec![format!("custom{i}:*"), "invite:read".into()],
            resources: vec![format!("tournament:{i}"), "*".into()],
        });
    }
    list
}

fn pure(c: &mut Criterion) {
    let subject = Subject {
        user_id: 7,
        permission: Permission::User,
        active: true,
    };
    let access = OrgAccess {
        org_id: 1,
        member: true,
        statements: statements(),
    };
    c.bench_function("authorize (7 statements, pure)", |b| {
        b.iter(|| authorize(Some(&subject), &access, "tournament:manage", "*"))
    });
}

fn with_database(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (_dir, db) = runtime.block_on(support::demo_database());
    // Zelda Speedster administers alttpr in the demo data.
    let user = CurrentUser {
        id: 2,
        display_name: "Zelda Speedster".into(),
        permission: Permission::User,
        impersonated_by: None,
    };
    c.bench_function("central check on SQLite (org + roles + evaluate)", |b| {
        b.to_async(&runtime).iter(|| async {
            check(
                &db,
                Some(&user),
                Guard::Org("member:read"),
                Some("alttpr"),
                None,
            )
            .await
            .unwrap()
        })
    });
}

/// The enablement part of the check alone: from the instance's cache (the common case), and
/// with the cache emptied before every lookup (one indexed query).
fn enablement(c: &mut Criterion) {
    let runtime = tokio::runtime::Runtime::new().unwrap();
    let (_dir, db, org) = runtime.block_on(async {
        let (dir, db) = support::demo_database().await;
        let (id, name) = sahabot_core::repo::orgs::id_and_name(&db, "alttpr")
            .await
            .unwrap()
            .unwrap();
        let org = sahabot_sdk::access::OrgRef {
            id,
            slug: "alttpr".into(),
            name,
        };
        (dir, db, org)
    });
    c.bench_function("enablement check, cached", |b| {
        b.to_async(&runtime).iter(|| async {
            sahabot_runtime::access::plugin_in_service(&db, "tournament", Some(&org))
                .await
                .unwrap()
        })
    });
    c.bench_function("enablement check, cache emptied each time (SQLite)", |b| {
        b.to_async(&runtime).iter(|| async {
            db.enablement().invalidate_org(org.id);
            sahabot_runtime::access::plugin_in_service(&db, "tournament", Some(&org))
                .await
                .unwrap()
        })
    });
}

criterion_group!(benches, pure, with_database, enablement);
criterion_main!(benches);

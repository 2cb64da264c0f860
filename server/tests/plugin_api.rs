//! A plugin's public service reaches another plugin only if that plugin named it in its
//! manifest (required or optional), and only where the provider is in service for the same
//! organization — on SQLite and PostgreSQL.

#![allow(clippy::unwrap_used, clippy::panic)]

mod common;

use common::org_ref as org;
use common::{app, demo_user_id};
use sahabot_core::db::Db;
use sahabot_core::db_test;
use sahabot_core::service::Actor;
use sahabot_core::Error;
use sahabot_runtime::lifecycle;
use sahabot_sdk::data::PluginDb;

/// The service the provider offers, as a consumer sees it.
pub trait Greet: Send + Sync {
    fn greet(&self, name: &str) -> String;
}

mod provider {
    use std::sync::Arc;

    sahabot_sdk::plugin! {
        id: greeter_probe,
        manifest: "id: greeter_probe
name: Greeter probe
version: 0.1.0
description: Offers a greeting to the plugins that name it.
author: SahaBot tests
type: builtin
category: utility
enabled_by_default: false
private: false
requires:
  sahabot: \">=0.1.0\"
",
        build: build,
    }

    struct Hello;

    impl super::Greet for Hello {
        fn greet(&self, name: &str) -> String {
            format!("hello {name}")
        }
    }

    fn build(p: &mut sahabot_sdk::Contributions) {
        p.public_api::<dyn super::Greet>(Arc::new(Hello));
    }
}

mod declared {
    sahabot_sdk::plugin! {
        id: greeting_user,
        manifest: "id: greeting_user
name: Greeting user
version: 0.1.0
description: Greets where the greeter is on.
author: SahaBot tests
type: builtin
category: utility
enabled_by_default: true
private: false
requires:
  sahabot: \">=0.1.0\"
  optional_plugins: [greeter_probe]
",
        build: build,
    }

    fn build(_: &mut sahabot_sdk::Contributions) {}
}

mod undeclared {
    sahabot_sdk::plugin! {
        id: greeting_thief,
        manifest: "id: greeting_thief
name: Greeting thief
version: 0.1.0
description: Uses the greeter without naming it.
author: SahaBot tests
type: builtin
category: utility
enabled_by_default: true
private: false
requires:
  sahabot: \">=0.1.0\"
",
        build: build,
    }

    fn build(_: &mut sahabot_sdk::Contributions) {}
}

async fn data_of(db: &Db, plugin: &'static str, slug: &str) -> PluginDb {
    PluginDb::new(db.clone(), plugin, Some(org(db, slug).await), None)
}

db_test!(
    a_public_api_reaches_only_declared_users_where_it_is_on,
    |db: Db| async move {
        let _ = app(&db).await;
        let zelda = Actor {
            user_id: demo_user_id(&db, "Zelda Speedster").await,
            ip: None,
        };
        let alttpr = data_of(&db, "greeting_user", "alttpr").await;

        // Optional and off: the user goes on without it.
        match alttpr.api::<dyn Greet>("greeter_probe").await {
            Err(Error::NotFound(message)) => assert!(message.contains("not enabled"), "{message}"),
            other => panic!("expected NotFound, got {:?}", other.map(|_| ())),
        }

        lifecycle::enable(&db, &zelda, &org(&db, "alttpr").await, "greeter_probe")
            .await
            .unwrap();
        let greeter = alttpr.api::<dyn Greet>("greeter_probe").await.unwrap();
        assert_eq!(greeter.greet("Zelda"), "hello Zelda");

        // The same user in an organization where the greeter stays off.
        let sm = data_of(&db, "greeting_user", "sm-league").await;
        assert!(matches!(
            sm.api::<dyn Greet>("greeter_probe").await,
            Err(Error::NotFound(_))
        ));

        // A plugin that did not name the greeter never gets it, even where it is on.
        let thief = data_of(&db, "greeting_thief", "alttpr").await;
        match thief.api::<dyn Greet>("greeter_probe").await {
            Err(Error::Forbidden(message)) => {
                assert!(message.contains("optional_plugins"), "{message}")
            }
            other => panic!("expected Forbidden, got {:?}", other.map(|_| ())),
        }

        // A service the provider does not offer is named.
        trait Other: Send + Sync {}
        match alttpr.api::<dyn Other>("greeter_probe").await {
            Err(Error::Conflict(message)) => assert!(message.contains("offers no"), "{message}"),
            other => panic!("expected Conflict, got {:?}", other.map(|_| ())),
        }
    }
);

//! A plugin's REST API as the demo users see it: each with a bearer token, and an anonymous
//! visitor.

use std::collections::HashMap;

use axum::http::{Request, StatusCode};
use sahabot_core::db::Db;
use serde_json::Value;

use super::{app, bearer, browser_as, demo_user_id, Browser};

/// The REST API as the demo users (each with a token) and as an anonymous visitor.
pub struct Api {
    pub client: Browser,
    base: &'static str,
    pub tokens: HashMap<&'static str, String>,
    ids: HashMap<&'static str, i64>,
}

impl Api {
    /// `base`: the routes' common prefix, e.g. `/api/plugins/tournament/organizations/alttpr`.
    pub async fn new(db: &Db, base: &'static str) -> Api {
        let _ = app(db).await;
        let mut tokens = HashMap::new();
        let mut ids = HashMap::new();
        for name in [
            "Zelda Speedster",
            "Boots First",
            "Mirror Shield",
            "Pendant Hunter",
            "Kraid Cruncher",
            "Synack",
        ] {
            tokens.insert(name, bearer(db, name).await);
            ids.insert(name, demo_user_id(db, name).await);
        }
        Api {
            client: browser_as(db, None).await,
            base,
            tokens,
            ids,
        }
    }

    pub fn id(&self, name: &str) -> i64 {
        self.ids[name]
    }

    /// `method path` under the organization's tournament routes, as `who` (anonymous for
    /// `None`): the status and the JSON answer (or the text, as a JSON string).
    pub async fn call(
        &mut self,
        who: Option<&str>,
        method: &str,
        path: &str,
        body: Option<Value>,
    ) -> (StatusCode, Value) {
        let mut request = Request::builder()
            .method(method)
            .uri(format!("{}{path}", self.base));
        if let Some(who) = who {
            request = request.header("authorization", format!("Bearer {}", self.tokens[who]));
        }
        let body = match body {
            Some(body) => {
                request = request.header("content-type", "application/json");
                axum::body::Body::from(body.to_string())
            }
            None => axum::body::Body::empty(),
        };
        let answer = self.client.send(request, body).await;
        let value = serde_json::from_str(&answer.body).unwrap_or(Value::String(answer.body));
        (answer.status, value)
    }

    pub async fn ok(&mut self, who: &str, method: &str, path: &str, body: Option<Value>) -> Value {
        let (status, answer) = self.call(Some(who), method, path, body).await;
        assert_eq!(status, StatusCode::OK, "{method} {path} as {who}: {answer}");
        answer
    }

    /// A refusal: its status, and that its message contains `words`.
    pub async fn refused(
        &mut self,
        who: &str,
        method: &str,
        path: &str,
        body: Option<Value>,
        status: StatusCode,
        words: &str,
    ) {
        let (got, answer) = self.call(Some(who), method, path, body).await;
        assert_eq!(got, status, "{method} {path} as {who}: {answer}");
        assert!(
            answer.to_string().contains(words),
            "{method} {path} as {who}: `{words}` not in {answer}"
        );
    }
}

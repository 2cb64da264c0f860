//! DASH: `GET {base}/generate/{mode}?race=1[&spoiler=1]` answered with a 307 whose body is the
//! seed's address. Redirects are not followed: the redirect is the answer.

use std::sync::OnceLock;
use std::time::Duration;

use sahabot_sdk::seeds::{excerpt, fetch, RollError, Seed};
use sahabot_sdk::ssr::reqwest::{self, redirect, StatusCode};

fn no_redirects() -> &'static reqwest::Client {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(|| {
        reqwest::Client::builder()
            .user_agent(concat!("SahaBot/", env!("CARGO_PKG_VERSION")))
            .timeout(Duration::from_secs(60))
            .redirect(redirect::Policy::none())
            .build()
            .unwrap_or_default()
    })
}

pub async fn generate(base: &str, mode: &str, spoiler: bool) -> Result<Seed, RollError> {
    let base = base.trim_end_matches('/');
    let safe = !mode.is_empty()
        && mode
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
    if !safe {
        return Err(RollError::Refused(format!("`{mode}` is not a DASH mode")));
    }
    let mut url = format!("{base}/generate/{mode}?race=1");
    if spoiler {
        url.push_str("&spoiler=1");
    }
    let (status, text) = fetch(no_redirects().get(&url), base).await?;
    match status {
        StatusCode::TEMPORARY_REDIRECT => {
            let link = text.trim();
            if link.starts_with("https://") || link.starts_with("http://") {
                Ok(Seed {
                    permalink: link.to_string(),
                    ..Seed::default()
                })
            } else {
                Err(RollError::Unavailable(format!(
                    "DASH's answer is not a seed address: {}",
                    excerpt(&text)
                )))
            }
        }
        StatusCode::NOT_FOUND => Err(RollError::Refused(format!("DASH has no mode `{mode}`"))),
        s if s.is_client_error() => Err(RollError::Refused(excerpt(&text))),
        s => Err(RollError::Unavailable(format!(
            "DASH answered {s}: {}",
            excerpt(&text)
        ))),
    }
}

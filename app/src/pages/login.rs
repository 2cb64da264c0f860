use leptos::prelude::*;
use leptos_meta::Title;
use leptos_router::hooks::use_query_map;

use crate::server_fns::login_choices;

/// Sign in with Discord, or in demo mode as one of the demo users.
#[component]
pub fn LoginPage() -> impl IntoView {
    let options = Resource::new(|| (), |_| login_choices());
    let query = use_query_map();
    let next = move || query.read().get("next").unwrap_or_else(|| "/".into());
    view! {
        <Title text="Log in"/>
        <section class="login">
            <h1>"Log in"</h1>
            <Suspense fallback=|| view! { <p class="loading">"Loading…"</p> }>
                {move || Suspend::new(async move {
                    let options = match options.await {
                        Ok(options) => options,
                        Err(e) => return view! { <p class="error">{e.to_string()}</p> }.into_any(),
                    };
                    let discord = options.discord.then(|| {
                        let href = format!("/auth/login?next={}", encode(&next()));
                        view! {
                            <a class="button" href=href rel="external" data-testid="discord-login">"Log in with Discord"</a>
                        }
                    });
                    let demo = (!options.demo_users.is_empty()).then(|| view! {
                        <h2>"Demo mode"</h2>
                        <p class="hint">"This server runs with demo data: sign in as any of its users."</p>
                        <ul class="demo-users" data-testid="demo-users">
                            {options.demo_users.into_iter().map(|u| view! {
                                <li>
                                    <form method="post" action="/auth/dev-login">
                                        <input type="hidden" name="user_id" value=u.user_id.to_string()/>
                                        <input type="hidden" name="next" value=next()/>
                                        <button type="submit">{format!("Sign in as {}", u.display_name)}</button>
                                        <span class="meta">{format!(" {:?}", u.permission)}</span>
                                    </form>
                                </li>
                            }).collect_view()}
                        </ul>
                    });
                    let nothing = (!options.discord && demo.is_none()).then(|| view! {
                        <p class="empty">"No way to sign in is configured on this server. Set DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET."</p>
                    });
                    view! { {discord} {demo} {nothing} }.into_any()
                })}
            </Suspense>
        </section>
    }
}

/// Percent-encodes a query value.
fn encode(value: &str) -> String {
    value
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' | b'/' => {
                (b as char).to_string()
            }
            _ => format!("%{b:02X}"),
        })
        .collect()
}

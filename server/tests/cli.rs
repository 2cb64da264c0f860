//! The binary's commands and its start-up errors: one clear line, a non-zero exit, no panic.

#![allow(clippy::unwrap_used)] // test helpers may panic

use std::process::{Command, Output};

const BIN: &str = env!("CARGO_BIN_EXE_sahabot");

fn leptos_toml() -> String {
    format!("{}/../Leptos.toml", env!("CARGO_MANIFEST_DIR"))
}

fn sahabot(args: &[&str], database_url: &str) -> Output {
    Command::new(BIN)
        .args(args)
        .env("DATABASE_URL", database_url)
        .env("SAHABOT_LEPTOS_CONFIG", leptos_toml())
        // These tests run without a built site, so without the hash file that hashed names need.
        .env("LEPTOS_HASH_FILES", "false")
        .env_remove("SAHABOT_ADDR")
        .output()
        .unwrap()
}

fn assert_one_line_failure(out: &Output, expected: &str) {
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "should fail: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let lines: Vec<_> = stderr
        .lines()
        .filter(|l| l.starts_with("sahabot: "))
        .collect();
    assert_eq!(lines.len(), 1, "{stderr}");
    assert!(
        lines[0].contains(expected),
        "expected `{expected}` in: {stderr}"
    );
}

fn temp_sqlite() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let url = format!("sqlite://{}/t.db?mode=rwc", dir.path().display());
    (dir, url)
}

#[test]
fn an_unsupported_database_url_is_one_clear_line() {
    let out = sahabot(&["migrate"], "mysql://root:secret@localhost/db");
    assert_one_line_failure(&out, "unsupported database URL");
    assert!(!String::from_utf8_lossy(&out.stderr).contains("secret"));
}

#[test]
fn an_unreachable_database_is_one_clear_line() {
    let out = sahabot(&["migrate"], "postgres://nobody:pw@127.0.0.1:1/none");
    assert_one_line_failure(
        &out,
        "cannot open the database at postgres://nobody:***@127.0.0.1:1/none",
    );
}

#[test]
fn an_unreadable_site_options_file_is_one_clear_line() {
    let (_dir, url) = temp_sqlite();
    let out = Command::new(BIN)
        .args(["--leptos-config", "/nonexistent/Leptos.toml", "serve"])
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert_one_line_failure(
        &out,
        "cannot read the site options from /nonexistent/Leptos.toml",
    );
}

#[test]
fn hashed_file_names_without_the_hash_file_are_one_clear_line() {
    let (_dir, url) = temp_sqlite();
    let out = Command::new(BIN)
        .args(["--leptos-config", &leptos_toml(), "serve"])
        .env("DATABASE_URL", &url)
        .env("LEPTOS_HASH_FILES", "true")
        .env("LEPTOS_HASH_FILE", "no-such-hash-file.txt")
        .output()
        .unwrap();
    assert_one_line_failure(&out, "no-such-hash-file.txt is missing");
}

#[test]
fn a_port_in_use_is_one_clear_line() {
    let (_dir, url) = temp_sqlite();
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let out = sahabot(&["serve", "--addr", &addr], &url);
    assert_one_line_failure(&out, &format!("cannot listen on {addr}"));
}

#[test]
fn demo_loads_once_and_migrate_is_idempotent() {
    let (_dir, url) = temp_sqlite();
    let first = sahabot(&["demo"], &url);
    assert!(
        first.status.success(),
        "{}",
        String::from_utf8_lossy(&first.stderr)
    );
    assert_eq!(
        String::from_utf8_lossy(&first.stdout),
        "demo data loaded: 2 organizations, 7 users\n"
    );
    let second = sahabot(&["demo"], &url);
    assert_eq!(
        String::from_utf8_lossy(&second.stdout),
        "demo data already present\n"
    );
    let migrate = sahabot(&["migrate"], &url);
    assert_eq!(
        String::from_utf8_lossy(&migrate.stdout),
        "0 migration(s) applied\n"
    );
}

#[test]
fn plugins_list_names_every_plugin_with_its_page() {
    let (_dir, url) = temp_sqlite();
    let out = sahabot(&["plugins", "list"], &url);
    assert!(out.status.success());
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        stdout.contains("tournament") && stdout.contains("/org/{org}/tournament"),
        "{stdout}"
    );
    assert!(
        stdout.contains("async_qualifier") && stdout.contains("competition"),
        "{stdout}"
    );
}

#[test]
fn a_site_options_file_without_its_section_is_one_clear_line() {
    let (dir, url) = temp_sqlite();
    let file = dir.path().join("Leptos.toml");
    std::fs::write(&file, "[something.else]\nkey = 1\n").unwrap();
    let out = Command::new(BIN)
        .args(["--leptos-config", file.to_str().unwrap(), "serve"])
        .env("DATABASE_URL", &url)
        .output()
        .unwrap();
    assert_one_line_failure(&out, "it has no [package.metadata.leptos] section");
}

#[test]
fn half_configured_discord_login_is_one_clear_line() {
    let (_dir, url) = temp_sqlite();
    let out = Command::new(BIN)
        .args(["serve", "--addr", "127.0.0.1:0"])
        .env("DATABASE_URL", &url)
        .env("SAHABOT_LEPTOS_CONFIG", leptos_toml())
        .env("LEPTOS_HASH_FILES", "false")
        .env("DISCORD_CLIENT_ID", "123")
        .env_remove("DISCORD_CLIENT_SECRET")
        .output()
        .unwrap();
    assert_one_line_failure(&out, "set both DISCORD_CLIENT_ID and DISCORD_CLIENT_SECRET");
}

#[test]
fn tokens_create_prints_a_secret_once_and_refuses_unknown_users() {
    let (_dir, url) = temp_sqlite();
    assert!(sahabot(&["demo"], &url).status.success());
    let out = sahabot(
        &[
            "tokens",
            "create",
            "--user-id",
            "1",
            "--name",
            "ci",
            "--days",
            "7",
        ],
        &url,
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        stdout.trim().starts_with("sbt_") && stdout.lines().count() == 1,
        "{stdout}"
    );

    let unknown = sahabot(
        &["tokens", "create", "--user-id", "999", "--name", "x"],
        &url,
    );
    assert_one_line_failure(&unknown, "no active user with id 999");
    let bad_days = sahabot(
        &[
            "tokens",
            "create",
            "--user-id",
            "1",
            "--name",
            "x",
            "--days",
            "0",
        ],
        &url,
    );
    assert_one_line_failure(&bad_days, "expires_in_days");
}

#[test]
fn plugins_are_installed_granted_enabled_and_configured_from_the_shell() {
    let (_dir, url) = temp_sqlite();
    assert!(sahabot(&["demo"], &url).status.success());
    // Synack (id 1) is SUPERADMIN; Zelda Speedster (id 2) administers alttpr.
    let ok = |args: &[&str]| {
        let out = sahabot(args, &url);
        assert!(
            out.status.success(),
            "{args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).into_owned()
    };
    assert_one_line_failure(
        &sahabot(&["plugins", "install", "links", "--as", "2"], &url),
        "needs the global SUPERADMIN permission",
    );
    ok(&["plugins", "install", "links", "--as", "1"]);
    assert_one_line_failure(
        &sahabot(
            &["plugins", "enable", "links", "--org", "alttpr", "--as", "2"],
            &url,
        ),
        "no plugin `links`",
    );
    ok(&["plugins", "grant", "links", "--org", "alttpr", "--as", "1"]);
    ok(&["plugins", "enable", "links", "--org", "alttpr", "--as", "2"]);
    assert_one_line_failure(
        &sahabot(
            &[
                "plugins", "disable", "racetime", "--org", "alttpr", "--as", "2",
            ],
            &url,
        ),
        "Async Qualifier requires RaceTime.gg",
    );
    assert_one_line_failure(
        &sahabot(
            &[
                "plugins",
                "config",
                "racetime",
                "--org",
                "alttpr",
                "--set",
                "open_minutes_before=500",
                "--as",
                "2",
            ],
            &url,
        ),
        "open_minutes_before: must be at most 120",
    );
    let saved = ok(&[
        "plugins",
        "config",
        "racetime",
        "--org",
        "alttpr",
        "--set",
        "open_minutes_before=45",
        "--as",
        "2",
    ]);
    assert!(saved.contains(r#""open_minutes_before":45"#), "{saved}");
    let list = ok(&["plugins", "list"]);
    let links = list.lines().find(|l| l.starts_with("links")).unwrap();
    assert!(
        links.contains("external") && links.contains("installed") && links.contains("alttpr"),
        "{list}"
    );
}

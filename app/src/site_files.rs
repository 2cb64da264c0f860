//! The names the build gave the site's files (content-hashed in a release build), worked out
//! once per process. Leptos's `HashedStylesheet` and `HydrationScripts` find the executable and
//! read its hash file on every page; these do the same work once.

use std::collections::HashMap;
use std::sync::OnceLock;

use leptos::prelude::*;

struct SiteFiles {
    stylesheet: String,
    js: String,
    wasm: String,
    /// The module script that loads the wasm and hydrates the page.
    start: String,
    /// The lazily loaded chunks' manifest and loader (`cargo leptos --split`), when built so.
    split: Option<(HashMap<String, Vec<String>>, String)>,
}

fn site_files(options: &LeptosOptions) -> &'static SiteFiles {
    static FILES: OnceLock<SiteFiles> = OnceLock::new();
    FILES.get_or_init(|| {
        let hashes = if options.hash_files {
            std::env::current_exe()
                .ok()
                .and_then(|exe| exe.parent().map(|dir| dir.join(options.hash_file.as_ref())))
                .and_then(|path| std::fs::read_to_string(path).ok())
                .unwrap_or_default()
        } else {
            String::new()
        };
        let hashed = |base: &str, kind: &str| match hash_of(&hashes, kind) {
            Some(hash) => format!("{base}.{hash}"),
            None => base.to_owned(),
        };
        let output = options.output_name.to_string();
        let wasm = if options.hash_files || option_env!("LEPTOS_OUTPUT_NAME").is_some() {
            hashed(&output, "wasm")
        } else {
            format!("{output}_bg")
        };
        let pkg = options.site_pkg_dir.to_string();
        let manifest = std::path::Path::new(options.site_root.as_ref())
            .join(&pkg)
            .join(format!(
                "{}.json",
                hashed_or_blank(&hashes, "manifest", "__wasm_split_manifest")
            ));
        let split = std::fs::read_to_string(manifest)
            .ok()
            .and_then(|text| serde_json::from_str(&text).ok())
            .map(|preloads| {
                (
                    preloads,
                    format!("{}.js", hashed_or_blank(&hashes, "split", "__wasm_split")),
                )
            });
        let (js, wasm) = (
            format!("/{pkg}/{}.js", hashed(&output, "js")),
            format!("/{pkg}/{wasm}.wasm"),
        );
        SiteFiles {
            stylesheet: format!("/{pkg}/{}.css", hashed(&output, "css")),
            start: format!(
                "import({js:?}).then(m => m.default({{module_or_path: {wasm:?}}}).then(() => m.hydrate()));"
            ),
            js,
            wasm,
            split: split.map(|(manifest, loader)| (manifest, format!("/{pkg}/{loader}"))),
        }
    })
}

fn hash_of<'a>(hashes: &'a str, kind: &str) -> Option<&'a str> {
    hashes
        .lines()
        .filter_map(|line| line.trim().split_once(':'))
        .find_map(|(file, hash)| (file == kind).then(|| hash.trim()))
}

/// The split files are named `<base>.<hash>` in a release build and `<base>.<22 underscores>`
/// (or without a hash, for the manifest) in a debug build, as cargo-leptos writes them.
fn hashed_or_blank(hashes: &str, kind: &str, base: &str) -> String {
    match (hash_of(hashes, kind), kind) {
        (Some(hash), _) => format!("{base}.{hash}"),
        (None, "split") => format!("{base}.______________________"),
        (None, _) => base.to_owned(),
    }
}

/// The `href` of the site's stylesheet.
pub fn stylesheet_href(options: &LeptosOptions) -> &'static str {
    &site_files(options).stylesheet
}

/// Preloads the site's script and wasm, and the chunks of the page opened, and starts
/// hydration: what Leptos's `HydrationScripts` renders (without islands), from names worked out
/// once. The chunks are listed here rather than by Leptos's integration, whose list depends on
/// how far the page has rendered when it writes the head, and on which reactive owner happens
/// to be current then (some responses had it, others did not).
#[component]
pub fn HydrationScripts(options: LeptosOptions) -> impl IntoView {
    let files = site_files(&options);
    let pkg = options.site_pkg_dir.to_string();
    let nonce = leptos::nonce::use_nonce();
    // The wasm is fetched by the script, in CORS mode: its preload must say so to be reused.
    let cors = nonce
        .as_ref()
        .map(|n| n.as_inner().to_string())
        .unwrap_or_default();
    let chunks = chunk_files(files, &pkg);
    let loader = (!chunks.is_empty())
        .then(|| files.split.as_ref().map(|(_, loader)| loader.as_str()))
        .flatten();
    let script = files.start.as_str();
    view! {
        <link rel="modulepreload" href=files.js.as_str() crossorigin=nonce.clone()/>
        <link rel="preload" href=files.wasm.as_str() r#as="fetch" r#type="application/wasm" crossorigin=cors/>
        {chunks.iter().cloned().map(|href| view! {
            <link rel="preload" href=href r#as="fetch" r#type="application/wasm" crossorigin="anonymous"/>
        }).collect_view()}
        {loader.map(|href| view! { <link rel="modulepreload" href=href crossorigin="anonymous"/> })}
        <script type="module" nonce=nonce>{script}</script>
    }
}

/// The files of the chunks the page being rendered needs (its request's path), each once.
fn chunk_files(files: &SiteFiles, pkg: &str) -> std::sync::Arc<Vec<String>> {
    #[cfg(feature = "ssr")]
    if let Some((manifest, _)) = &files.split {
        // They depend on the path alone (the routes are the binary's: the version never
        // changes), and working them out matches the path against every route again.
        static BY_PATH: OnceLock<sahabot_core::memo::Memo> = OnceLock::new();
        let by_path = BY_PATH.get_or_init(Default::default);
        let path = with_context::<http::request::Parts, _>(|parts| parts.uri.path().to_owned())
            .unwrap_or_default();
        if let Some(found) = by_path.get(&path, 0) {
            return found;
        }
        let mut hrefs = Vec::new();
        for chunk in crate::preload::chunks_needed(&path) {
            for file in manifest.get(chunk).into_iter().flatten() {
                let href = format!("/{pkg}/{file}.wasm");
                if !hrefs.contains(&href) {
                    hrefs.push(href);
                }
            }
        }
        let hrefs = std::sync::Arc::new(hrefs);
        by_path.put(path, 0, hrefs.clone());
        return hrefs;
    }
    let _ = (files, pkg);
    Default::default()
}

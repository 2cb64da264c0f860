use leptos::prelude::LeptosOptions;

use crate::error::Error;

/// The default embedded database: a SQLite file under `data/`, created on first start.
pub const DEFAULT_DATABASE_URL: &str = "sqlite://data/sahabot.db?mode=rwc";

/// Reads the site options (output name, site root, address) from `Leptos.toml`.
/// `LEPTOS_*` environment variables override its keys, as under cargo-leptos.
pub fn leptos_options(path: &str) -> Result<LeptosOptions, Error> {
    let failed = |reason: String| Error::LeptosConfig {
        path: path.to_string(),
        reason,
    };
    // Read here rather than by leptos_config, whose error for a missing file names Cargo.toml.
    let text = std::fs::read_to_string(path).map_err(|e| failed(e.to_string()))?;
    let options = leptos_config::get_config_from_str(&text).map_err(|e| match e {
        leptos_config::errors::LeptosConfigError::ConfigSectionNotFound => {
            failed("it has no [package.metadata.leptos] section".into())
        }
        other => failed(other.to_string()),
    })?;
    if options.hash_files {
        // The site's file names carry hashes that the build wrote next to this binary; without
        // them every page would name files that do not exist.
        let hashes = std::env::current_exe()
            .ok()
            .and_then(|exe| Some(exe.parent()?.join(options.hash_file.as_ref())));
        if !hashes.as_ref().is_some_and(|p| p.exists()) {
            return Err(failed(format!(
                "hash-files is on but {} is missing: build the site with scripts/build-site.sh",
                hashes.map_or_else(|| "the hash file".into(), |p| p.display().to_string())
            )));
        }
    }
    Ok(options)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn options_from(text: &str) -> Result<LeptosOptions, Error> {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("Leptos.toml");
        std::fs::write(&path, text).unwrap();
        leptos_options(path.to_str().unwrap())
    }

    #[test]
    fn hashed_file_names_need_the_build_s_hash_file() {
        let section = "[package.metadata.leptos]\noutput-name = \"sahabot\"\n";
        let error = options_from(&format!(
            "{section}hash-files = true\nhash-file = \"no-such-hash-file.txt\"\n"
        ))
        .unwrap_err()
        .to_string();
        assert!(error.contains("no-such-hash-file.txt"), "{error}");
        assert!(error.contains("scripts/build-site.sh"), "{error}");
        assert!(!options_from(section).unwrap().hash_files);
    }
}

//! Action and resource patterns: `*` matches any run of characters.

use wildmatch::WildMatch;

pub fn matches(pattern: &str, value: &str) -> bool {
    if pattern == "*" {
        return true;
    }
    if !pattern.contains('*') {
        return pattern == value;
    }
    // `?` is a wildcard for wildmatch but an ordinary (and refused) character here.
    !pattern.contains('?') && WildMatch::new(pattern).matches(value)
}

fn valid_chars(pattern: &str) -> bool {
    pattern
        .chars()
        .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || "_.:*-".contains(c))
}

/// An action pattern in a custom role must be well-formed and match at least one action that
/// exists, so that a typo cannot silently grant nothing.
pub fn validate_action_pattern<'a>(
    pattern: &str,
    known: impl IntoIterator<Item = &'a str>,
) -> Result<(), String> {
    if pattern.is_empty() || pattern.len() > 100 || !valid_chars(pattern) {
        return Err(format!(
            "`{pattern}` is not an action: use lowercase letters, digits, `_ . : -` and `*`"
        ));
    }
    if !known.into_iter().any(|action| matches(pattern, action)) {
        return Err(format!("`{pattern}` matches no known action"));
    }
    Ok(())
}

/// A resource pattern: `*`, a kind (`tournament:*`) or one resource (`tournament:42`).
pub fn validate_resource_pattern(pattern: &str) -> Result<(), String> {
    if pattern.is_empty() || pattern.len() > 100 || !valid_chars(pattern) {
        return Err(format!(
            "`{pattern}` is not a resource: use lowercase letters, digits, `_ . : -` and `*`"
        ));
    }
    Ok(())
}

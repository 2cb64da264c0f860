//! The one check for text people type into names, labels and notes, used by the core and
//! offered to plugins (`sahabot_sdk::text`). Text is NFC-normalized and trimmed; control
//! characters (a line break in a one-line field, NUL, ESC…) and the characters that reverse
//! the direction of what follows them are refused; and a required field may not be blank,
//! counting invisible characters (zero-width spaces and the like) as blank.

use unicode_normalization::UnicodeNormalization;

/// Why a field's text was refused, with the field's name.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct Refused {
    pub field: &'static str,
    pub message: String,
}

/// A required one-line field of at most `max_chars` characters.
pub fn one_line(field: &'static str, value: &str, max_chars: usize) -> Result<String, Refused> {
    let text = checked(field, value, max_chars, false)?;
    if is_blank(&text) {
        return Err(refused(field, "may not be blank".into()));
    }
    Ok(text)
}

/// An optional one-line field: blank text is `None`.
pub fn optional_line(
    field: &'static str,
    value: &str,
    max_chars: usize,
) -> Result<Option<String>, Refused> {
    let text = checked(field, value, max_chars, false)?;
    Ok((!is_blank(&text)).then_some(text))
}

/// A field of several lines (descriptions, notes); it may be empty. Line breaks and tabs are
/// kept (`\r\n` becomes `\n`).
pub fn multi_line(field: &'static str, value: &str, max_chars: usize) -> Result<String, Refused> {
    let text = checked(field, &value.replace("\r\n", "\n"), max_chars, true)?;
    Ok(if is_blank(&text) { String::new() } else { text })
}

fn checked(
    field: &'static str,
    value: &str,
    max_chars: usize,
    lines: bool,
) -> Result<String, Refused> {
    let normalized: String = value.nfc().collect();
    // A one-line field with a line break (or any control character) is refused even where
    // trimming would remove it: the text was not one line.
    // Only spaces, tabs and line breaks are trimmed before the check: U+0085 (a control
    // character Unicode also counts as white space) at an edge is refused, not dropped.
    let text = if lines {
        normalized.trim_matches([' ', '\n', '\t'])
    } else {
        normalized.trim_matches(' ')
    };
    if let Some(c) = text.chars().find(|&c| is_direction_control(c)) {
        return Err(refused(
            field,
            format!(
                "may not contain U+{:04X}, which changes the direction of the text after it",
                u32::from(c)
            ),
        ));
    }
    let allowed = |c: char| lines && (c == '\n' || c == '\t');
    if text.chars().any(|c| c.is_control() && !allowed(c)) {
        let what = if lines {
            "may not contain control characters"
        } else {
            "must be one line, without control characters"
        };
        return Err(refused(field, what.into()));
    }
    let text = text.trim();
    let count = text.chars().count();
    if count > max_chars {
        return Err(refused(
            field,
            format!("must be at most {max_chars} characters (this is {count})"),
        ));
    }
    Ok(text.to_owned())
}

fn refused(field: &'static str, message: String) -> Refused {
    Refused { field, message }
}

/// Embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069) and the implicit marks
/// (U+200E, U+200F, U+061C): they can make a name read as something else.
fn is_direction_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

/// Nothing a reader would see: whitespace and characters that draw nothing.
fn is_blank(text: &str) -> bool {
    text.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}'
            | '\u{034F}'
            | '\u{115F}'
            | '\u{1160}'
            | '\u{180E}'
            | '\u{200B}'..='\u{200D}'
            | '\u{2060}'..='\u{2064}'
            | '\u{3164}'
            | '\u{FE00}'..='\u{FE0F}'
            | '\u{FEFF}'
            | '\u{FFA0}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn message(result: Result<impl std::fmt::Debug, Refused>) -> String {
        match result {
            Err(refused) => refused.message,
            Ok(value) => panic!("accepted: {value:?}"),
        }
    }

    #[test]
    fn names_are_trimmed_and_normalized() {
        assert_eq!(one_line("name", "  Zelda  ", 10).unwrap(), "Zelda");
        // "e" + combining acute accent becomes the one character "é".
        assert_eq!(
            one_line("name", "Pok\u{0065}\u{0301}mon", 10).unwrap(),
            "Pok\u{e9}mon"
        );
        assert_eq!(one_line("name", "👩‍🚀 crew", 10).unwrap(), "👩‍🚀 crew");
        // Spaces of any kind around it go; they are not control characters.
        assert_eq!(
            one_line("name", "\u{3000}Zelda\u{a0}", 10).unwrap(),
            "Zelda"
        );
    }

    #[test]
    fn control_and_direction_characters_are_refused() {
        for bad in [
            "a\0b",
            "a\u{1b}[31mb",
            "a\u{7f}",
            "line\nbreak",
            "cr\rhere",
            "tab\there",
            // Where trimming would have hidden it: the text was still not one line.
            "\n_",
            "name\r\n",
            "\tindented",
        ] {
            assert!(
                message(one_line("name", bad, 50)).contains("one line"),
                "{bad:?}"
            );
        }
        for bad in ["abc\u{202E}gnp.exe", "\u{2066}x", "a\u{200F}b"] {
            assert!(
                message(one_line("name", bad, 50)).contains("direction"),
                "{bad:?}"
            );
        }
        assert!(message(multi_line("notes", "a\u{7}b", 50)).contains("control"));
        // U+0085 is white space to Unicode and a control character: refused, not trimmed away.
        for edge in ["\u{85}", "notes\u{85}", "\u{85} notes"] {
            assert!(
                message(multi_line("notes", edge, 50)).contains("control"),
                "{edge:?}"
            );
        }
        assert!(message(one_line("name", "\u{85}x", 50)).contains("one line"));
    }

    #[test]
    fn invisible_names_are_blank() {
        for blank in ["", "   ", "\u{200B}\u{200B}", "\u{3164}", " \u{FEFF} "] {
            assert_eq!(
                message(one_line("name", blank, 50)),
                "may not be blank",
                "{blank:?}"
            );
            assert_eq!(optional_line("pronouns", blank, 50), Ok(None));
        }
    }

    #[test]
    fn lengths_count_characters_after_normalizing() {
        assert!(one_line("name", "ééééé", 5).is_ok());
        assert!(message(one_line("name", "abcdef", 5)).contains("at most 5"));
    }

    #[test]
    fn several_lines_keep_their_breaks() {
        assert_eq!(multi_line("notes", " a\r\nb\tc ", 50).unwrap(), "a\nb\tc");
        assert_eq!(multi_line("notes", "\u{200B}", 50).unwrap(), "");
    }
}

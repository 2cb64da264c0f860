//! Bulk scheduling: an organizer pastes one match per line, and each line becomes a match or
//! says what is wrong with it. Pure, so that the page checks the text as it is typed and the
//! rules are unit-tested.
//!
//! A line reads `players; time; stream channel; title`, the last three optional:
//! `Zelda Speedster, Mirror Shield; 2027-01-05 18:00; Main stream; Round 1`.
//! Players are separated by commas or ` vs `, named as registered or as `#user_id`; the time
//! is the viewer's local time, `YYYY-MM-DD HH:MM`; a tab separates fields too, so that rows
//! pasted from a spreadsheet work.

use serde::{Deserialize, Serialize};

use crate::model::{Player, StreamChannel};

/// The most matches one bulk scheduling creates.
pub const MAX_ROWS: usize = 200;

/// A match read from one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Row {
    /// The line it was read from, counted from 1.
    pub line: u32,
    pub players: Vec<i64>,
    pub scheduled_at: Option<i64>,
    pub stream_channel_id: Option<i64>,
    pub title: String,
}

/// What one line gave.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Parsed {
    Match(Row),
    Problem { line: u32, message: String },
}

/// Reads `text`, skipping blank lines and comments (`# ` and what follows; `#12` names a
/// user). `to_millis` turns
/// `YYYY-MM-DDTHH:MM` in the viewer's time zone into unix milliseconds.
pub fn parse(
    text: &str,
    players: &[Player],
    channels: &[StreamChannel],
    to_millis: impl Fn(&str) -> Option<i64>,
) -> Vec<Parsed> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| {
            let l = l.trim();
            !(l.is_empty() || l == "#" || l.starts_with("# "))
        })
        .map(|(i, l)| {
            let line = i as u32 + 1;
            match parse_line(l, players, channels, &to_millis) {
                Ok(mut row) => {
                    row.line = line;
                    Parsed::Match(row)
                }
                Err(message) => Parsed::Problem { line, message },
            }
        })
        .collect()
}

/// The rows, or every problem, as `line N: …`.
pub fn rows(parsed: &[Parsed]) -> Result<Vec<Row>, Vec<String>> {
    let mut rows = Vec::new();
    let mut problems = Vec::new();
    for p in parsed {
        match p {
            Parsed::Match(row) => rows.push(row.clone()),
            Parsed::Problem { line, message } => problems.push(format!("line {line}: {message}")),
        }
    }
    if rows.len() > MAX_ROWS {
        problems.push(format!(
            "{} matches: at most {MAX_ROWS} at once",
            rows.len()
        ));
    }
    if problems.is_empty() {
        Ok(rows)
    } else {
        Err(problems)
    }
}

fn parse_line(
    line: &str,
    players: &[Player],
    channels: &[StreamChannel],
    to_millis: &impl Fn(&str) -> Option<i64>,
) -> Result<Row, String> {
    let fields: Vec<&str> = line.split([';', '\t']).map(str::trim).collect();
    if fields.len() > 4 {
        return Err("too many fields: players; time; stream channel; title".into());
    }
    let field = |i: usize| fields.get(i).copied().unwrap_or("");
    let names = split_players(field(0));
    let players = names
        .iter()
        .map(|name| player_id(name, players))
        .collect::<Result<Vec<_>, _>>()?;
    if players.len() < 2 {
        return Err("name two players or more".into());
    }
    let scheduled_at = match field(1) {
        "" => None,
        when => Some(
            local_time(when)
                .and_then(|local| to_millis(&local))
                .ok_or_else(|| format!("`{when}` is not a time: write YYYY-MM-DD HH:MM"))?,
        ),
    };
    let stream_channel_id = match field(2) {
        "" => None,
        name => Some(
            channels
                .iter()
                .find(|c| c.name.eq_ignore_ascii_case(name))
                .map(|c| c.id)
                .ok_or_else(|| format!("there is no stream channel `{name}`"))?,
        ),
    };
    Ok(Row {
        line: 0,
        players,
        scheduled_at,
        stream_channel_id,
        title: field(3).to_owned(),
    })
}

fn split_players(text: &str) -> Vec<&str> {
    text.split(',')
        .flat_map(|part| part.split(" vs "))
        .map(str::trim)
        .filter(|name| !name.is_empty())
        .collect()
}

fn player_id(name: &str, players: &[Player]) -> Result<i64, String> {
    if let Some(id) = name.strip_prefix('#') {
        let id: i64 = id
            .parse()
            .map_err(|_| format!("`{name}` is not a user id"))?;
        return players
            .iter()
            .find(|p| p.user_id == id)
            .map(|p| p.user_id)
            .ok_or_else(|| format!("user {id} is not a player of this tournament"));
    }
    let named: Vec<&Player> = players
        .iter()
        .filter(|p| p.display_name.eq_ignore_ascii_case(name))
        .collect();
    match named.as_slice() {
        [one] => Ok(one.user_id),
        [] => Err(format!("`{name}` is not a player of this tournament")),
        several => Err(format!(
            "{} players are named `{name}`: write one as {}",
            several.len(),
            several
                .iter()
                .map(|p| format!("#{}", p.user_id))
                .collect::<Vec<_>>()
                .join(" or ")
        )),
    }
}

/// `YYYY-MM-DD HH:MM` (or with a `T`) as `YYYY-MM-DDTHH:MM`, when it has that shape and
/// plausible numbers.
fn local_time(text: &str) -> Option<String> {
    let (date, clock) = text.split_once([' ', 'T'])?;
    let date: Vec<&str> = date.split('-').collect();
    let clock: Vec<&str> = clock.trim().split(':').collect();
    let number = |s: &str, digits: usize, max: u32, min: u32| {
        (s.len() == digits && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse::<u32>().ok())
            .flatten()
            .filter(|n| (min..=max).contains(n))
    };
    match (date.as_slice(), clock.as_slice()) {
        ([y, m, d], [h, min]) => {
            number(y, 4, 9999, 1970)?;
            number(m, 2, 12, 1)?;
            number(d, 2, 31, 1)?;
            number(h, 2, 23, 0)?;
            number(min, 2, 59, 0)?;
            Some(format!("{y}-{m}-{d}T{h}:{min}"))
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn players() -> Vec<Player> {
        [
            (1, "Zelda Speedster"),
            (2, "Mirror Shield"),
            (3, "Twin"),
            (4, "Twin"),
        ]
        .into_iter()
        .map(|(user_id, name)| Player {
            user_id,
            display_name: name.into(),
        })
        .collect()
    }

    fn channels() -> Vec<StreamChannel> {
        vec![StreamChannel {
            id: 7,
            name: "Main stream".into(),
            url: "https://twitch.tv/main".into(),
        }]
    }

    /// Reads a time as UTC, as a browser in UTC would.
    fn utc(local: &str) -> Option<i64> {
        chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M")
            .ok()
            .map(|t| t.and_utc().timestamp_millis())
    }

    fn one(line: &str) -> Parsed {
        parse(line, &players(), &channels(), utc).remove(0)
    }

    fn problem(line: &str) -> String {
        match one(line) {
            Parsed::Problem { message, .. } => message,
            other => panic!("expected a problem for `{line}`, got {other:?}"),
        }
    }

    #[test]
    fn a_full_line_becomes_a_match() {
        let parsed =
            one("zelda speedster vs Mirror Shield; 2027-01-05 18:00; main STREAM; Round 1");
        assert_eq!(
            parsed,
            Parsed::Match(Row {
                line: 1,
                players: vec![1, 2],
                scheduled_at: Some(1_799_172_000_000),
                stream_channel_id: Some(7),
                title: "Round 1".into(),
            })
        );
    }

    #[test]
    fn only_players_are_needed_and_ids_pick_among_namesakes() {
        let parsed = one("#3, Zelda Speedster");
        assert_eq!(
            parsed,
            Parsed::Match(Row {
                line: 1,
                players: vec![3, 1],
                scheduled_at: None,
                stream_channel_id: None,
                title: String::new(),
            })
        );
    }

    #[test]
    fn tabs_separate_fields_and_blank_and_comment_lines_are_skipped() {
        let text = "# round 1\n\n#\nZelda Speedster, Mirror Shield\t2027-01-05T18:00\t\tFinal\n";
        let parsed = parse(text, &players(), &channels(), utc);
        assert_eq!(parsed.len(), 1);
        let Parsed::Match(row) = &parsed[0] else {
            panic!("{parsed:?}")
        };
        assert_eq!(row.line, 4);
        assert_eq!(row.title, "Final");
        assert_eq!(row.stream_channel_id, None);
    }

    #[test]
    fn each_bad_line_says_what_is_wrong() {
        assert_eq!(problem("Zelda Speedster"), "name two players or more");
        assert_eq!(
            problem("Zelda Speedster, Ganon"),
            "`Ganon` is not a player of this tournament"
        );
        assert_eq!(
            problem("Zelda Speedster, Twin"),
            "2 players are named `Twin`: write one as #3 or #4"
        );
        assert_eq!(
            problem("Zelda Speedster, #9"),
            "user 9 is not a player of this tournament"
        );
        assert_eq!(problem("Zelda Speedster, #x"), "`#x` is not a user id");
        assert_eq!(
            problem("Zelda Speedster, Mirror Shield; tomorrow"),
            "`tomorrow` is not a time: write YYYY-MM-DD HH:MM"
        );
        assert_eq!(
            problem("Zelda Speedster, Mirror Shield; 2027-13-05 18:00"),
            "`2027-13-05 18:00` is not a time: write YYYY-MM-DD HH:MM"
        );
        assert_eq!(
            problem("Zelda Speedster, Mirror Shield; ; Side stream"),
            "there is no stream channel `Side stream`"
        );
        assert_eq!(
            problem("a, b; c; d; e; f"),
            "too many fields: players; time; stream channel; title"
        );
    }

    #[test]
    fn rows_gathers_every_problem_with_its_line() {
        let text = "Zelda Speedster, Mirror Shield\nZelda Speedster\nGanon, Twin";
        let parsed = parse(text, &players(), &channels(), utc);
        assert_eq!(
            rows(&parsed),
            Err(vec![
                "line 2: name two players or more".to_owned(),
                "line 3: `Ganon` is not a player of this tournament".to_owned(),
            ])
        );
        let fine = parse(
            "Zelda Speedster, Mirror Shield",
            &players(),
            &channels(),
            utc,
        );
        assert_eq!(rows(&fine).map(|r| r.len()), Ok(1));
    }

    #[test]
    fn too_many_rows_are_refused() {
        let text = "Zelda Speedster, Mirror Shield\n".repeat(MAX_ROWS + 1);
        let parsed = parse(&text, &players(), &channels(), utc);
        assert_eq!(
            rows(&parsed),
            Err(vec![format!("201 matches: at most {MAX_ROWS} at once")])
        );
    }
}

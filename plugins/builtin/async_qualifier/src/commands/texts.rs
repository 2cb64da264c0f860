//! The run flow's messages in Discord: what each step shows and which buttons it offers.

use sahabot_sdk::discord::{Button, ButtonStyle, Reply};

use super::ids::Press;
use crate::model::{Choice, Qualifier, Run};
use crate::service::flow;
use crate::service::scoring::format_duration;

fn button(press: Press, label: &str, style: ButtonStyle) -> Button {
    Button {
        custom_id: press.id(),
        label: label.into(),
        style,
    }
}

/// Discord shows `<t:…:R>` as "in 5 minutes" in the reader's language, kept current.
pub fn relative(at_ms: i64) -> String {
    format!("<t:{}:R>", at_ms.div_euclid(1000))
}

/// `<t:…:t>`: the time of day in the reader's zone.
pub fn clock(at_ms: i64) -> String {
    format!("<t:{}:t>", at_ms.div_euclid(1000))
}

pub fn elapsed(ms: i64) -> String {
    format_duration(u64::try_from(ms.max(0) / 1000).unwrap_or_default())
}

/// The qualifier's post with its start button (it stays in the channel for weeks).
pub fn start_post(q: &Qualifier, leaderboard: &str) -> Reply {
    let mut content = format!("**{}**", q.name);
    if !q.description.trim().is_empty() {
        content.push_str("\n\n");
        content.push_str(q.description.trim());
    }
    content.push_str(&format!(
        "\n\n{} per pool. Press **Start a run** to pick a pool; you confirm before the seed is \
         revealed, in a private thread of your own.\nLeaderboard: {leaderboard}",
        plural(q.runs_per_pool, "run")
    ));
    Reply::public(content).button(button(
        Press::Start(q.id),
        "Start a run",
        ButtonStyle::Primary,
    ))
}

fn plural(n: i64, what: &str) -> String {
    if n == 1 {
        format!("1 {what}")
    } else {
        format!("{n} {what}s")
    }
}

/// The pools the racer may pick (only those with runs left and seeds they have not run).
pub fn pool_choice(q: &Qualifier, choices: &[Choice]) -> Option<Reply> {
    let open: Vec<&Choice> = choices
        .iter()
        .filter(|c| c.runs_left > 0 && c.unseen > 0)
        .collect();
    if open.is_empty() {
        return None;
    }
    let mut reply = Reply::private(format!("Pick a pool of **{}**:", q.name));
    for choice in open.into_iter().take(25) {
        reply = reply.button(button(
            Press::Pool(q.id, choice.pool.id),
            &format!(
                "{} ({} left)",
                choice.pool.name,
                plural(choice.runs_left, "run")
            ),
            ButtonStyle::Secondary,
        ));
    }
    Some(reply)
}

/// The point of no return, before the seed is revealed.
pub fn confirm(q: &Qualifier, choice: &Choice) -> Reply {
    Reply::private(format!(
        "**Point of no return.** Confirming reveals a seed of **{}** you have not run and opens \
         a private thread for your run. From then on you have {} minutes to press **Ready**, or \
         the run is forfeited and scores 0.",
        choice.pool.name,
        flow::PENDING_LIMIT_MS / 60_000
    ))
    .button(button(
        Press::Confirm(q.id, choice.pool.id),
        "Confirm: reveal my seed",
        ButtonStyle::Danger,
    ))
    .button(button(Press::Cancel, "Cancel", ButtonStyle::Secondary))
}

/// The first message of a run's thread: the seed, the rules, and Ready.
pub fn run_opened(run: &Run, mention: i64) -> Reply {
    let deadline = flow::pending_deadline(run.revealed_at, run.extended_until);
    Reply::public(format!(
        "<@{mention}> your run {} of **{}**.\nSeed: {}\n\nGet ready, then press **Ready**: the \
         clock starts {} seconds later. Press **Finish** the moment you finish. Unless you press \
         Ready {}, the run is forfeited.",
        run.id,
        run.pool_name,
        run.permalink_url.as_deref().unwrap_or("(hidden)"),
        flow::COUNTDOWN_MS / 1000,
        relative(deadline)
    ))
    .button(button(Press::Ready(run.id), "Ready", ButtonStyle::Success))
    .button(button(
        Press::Forfeit(run.id),
        "Forfeit",
        ButtonStyle::Danger,
    ))
}

/// The run's message once the racer is ready.
pub fn running(run: &Run) -> Reply {
    let start = run.started_at.unwrap_or(run.revealed_at);
    Reply::public(format!(
        "Run {}: the clock starts {} (at {}). Good luck!",
        run.id,
        relative(start),
        clock(start)
    ))
    .button(button(
        Press::Finish(run.id),
        "Finish",
        ButtonStyle::Success,
    ))
    .button(button(
        Press::Timer(run.id),
        "Timer",
        ButtonStyle::Secondary,
    ))
    .button(button(
        Press::Forfeit(run.id),
        "Forfeit",
        ButtonStyle::Danger,
    ))
}

/// The run's message once finished: the time, and what the racer may add.
pub fn finished(run: &Run) -> Reply {
    Reply::public(format!(
        "Run {} finished in **{}**. Add your VOD and notes for the reviewers, or ask them to look \
         at the run.",
        run.id,
        run.elapsed_ms.map_or("—".into(), elapsed)
    ))
    .button(button(
        Press::Vod(run.id),
        "Add VOD and notes",
        ButtonStyle::Primary,
    ))
    .button(button(
        Press::Flag(run.id),
        "Ask for a review",
        ButtonStyle::Secondary,
    ))
}

pub fn forfeit_confirm(run_id: i64) -> Reply {
    Reply::private(format!(
        "Forfeit run {run_id}? It scores 0, and this cannot be undone."
    ))
    .button(button(
        Press::ForfeitConfirmed(run_id),
        "Yes, forfeit",
        ButtonStyle::Danger,
    ))
}

/// Posted in the run's thread before a pending run times out.
pub fn timeout_warning(run_id: i64, racer: Option<i64>, deadline: i64) -> Reply {
    let who = racer.map_or(String::new(), |id| format!("<@{id}> "));
    Reply::public(format!(
        "{who}run {run_id} is forfeited {} unless you press **Ready**.",
        relative(deadline)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn discord_timestamps_are_in_seconds() {
        assert_eq!(relative(1_764_115_200_999), "<t:1764115200:R>");
        assert_eq!(clock(1_000), "<t:1:t>");
        assert_eq!(elapsed(5_025_400), "1:23:45");
        assert_eq!(elapsed(-5), "0:00:00");
    }

    #[test]
    fn the_warning_mentions_the_racer_when_known() {
        let warned = timeout_warning(4, Some(1234), 600_000);
        assert!(warned
            .content
            .starts_with("<@1234> run 4 is forfeited <t:600:R>"));
        assert!(!warned.ephemeral);
        assert!(timeout_warning(4, None, 600_000)
            .content
            .starts_with("run 4"));
    }
}

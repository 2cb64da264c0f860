//! Small charts drawn as SVG on the server (nothing to load in the browser): a histogram of
//! scores and a strip of finish times.

use leptos::prelude::*;

const WIDTH: f64 = 480.0;
const HEIGHT: f64 = 160.0;
const PAD: f64 = 24.0;

/// How many of `values` fall in each of `buckets` equal ranges of `[0, max]` (a value of
/// `max` or more counts in the last).
pub fn histogram(values: &[f64], max: f64, buckets: usize) -> Vec<usize> {
    let mut counts = vec![0; buckets.max(1)];
    let last = counts.len() - 1;
    for v in values {
        let i = ((v / max) * counts.len() as f64).floor();
        let i = if i.is_nan() || i < 0.0 {
            0
        } else {
            (i as usize).min(last)
        };
        counts[i] += 1;
    }
    counts
}

/// The distribution of scores (0 to `max`) in bars of 15 points.
#[component]
pub fn ScoreHistogram(scores: Vec<f64>, max: f64) -> impl IntoView {
    let buckets = (max / 15.0).ceil().max(1.0) as usize;
    let counts = histogram(&scores, max, buckets);
    let top = counts.iter().copied().max().unwrap_or(0).max(1) as f64;
    let bar = (WIDTH - 2.0 * PAD) / buckets as f64;
    let bars = counts
        .iter()
        .enumerate()
        .map(|(i, n)| {
            let h = (HEIGHT - 2.0 * PAD) * *n as f64 / top;
            let x = PAD + i as f64 * bar;
            let from = (i as f64 * max / buckets as f64).round();
            let to = ((i + 1) as f64 * max / buckets as f64).round();
            view! {
                <g data-testid="histogram-bar">
                    <rect x=x + 1.0 y=HEIGHT - PAD - h width=bar - 2.0 height=h class="bar">
                        <title>{format!("{from}–{to}: {n} racers")}</title>
                    </rect>
                    <text x=x + bar / 2.0 y=HEIGHT - 6.0 text-anchor="middle" class="axis">{from}</text>
                </g>
            }
        })
        .collect::<Vec<_>>();
    view! {
        <svg class="chart" viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img"
            aria-label="How many racers scored in each range" data-testid="score-histogram">
            {bars}
        </svg>
    }
}

/// Each finish time of a permalink as a dot on a line from the fastest to the slowest, with
/// the par marked.
#[component]
pub fn FinishStrip(times: Vec<i64>, par: Option<i64>) -> impl IntoView {
    if times.is_empty() {
        return view! { <span class="hint">"no finishes yet"</span> }.into_any();
    }
    let (lo, hi) = (
        times.iter().copied().min().unwrap_or(0),
        times.iter().copied().max().unwrap_or(0),
    );
    let span = (hi - lo).max(1) as f64;
    let (w, h) = (240.0, 28.0);
    let x = move |t: i64| 8.0 + (w - 16.0) * (t - lo) as f64 / span;
    let dots = times
        .iter()
        .map(|t| {
            view! {
                <circle cx=x(*t) cy=h / 2.0 r="4" class="dot">
                    <title>{super::parts::duration(*t)}</title>
                </circle>
            }
        })
        .collect::<Vec<_>>();
    let par = par.map(|p| {
        view! { <line x1=x(p) x2=x(p) y1="2" y2=h - 2.0 class="par"><title>"par"</title></line> }
    });
    view! {
        <svg class="chart strip" viewBox=format!("0 0 {w} {h}") role="img"
            aria-label="Finish times, fastest on the left" data-testid="finish-strip">
            <line x1="8" x2=w - 8.0 y1=h / 2.0 y2=h / 2.0 class="axis-line"/>
            {par}
            {dots}
        </svg>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::histogram;

    #[test]
    fn scores_fall_in_their_range_and_the_top_in_the_last() {
        let scores = [0.0, 14.9, 15.0, 50.0, 100.0, 105.0, 110.0];
        assert_eq!(histogram(&scores, 105.0, 7), vec![2, 1, 0, 1, 0, 0, 3]);
        assert_eq!(histogram(&[], 105.0, 7), vec![0; 7]);
        assert_eq!(histogram(&[1.0], 105.0, 0), vec![1]);
    }
}

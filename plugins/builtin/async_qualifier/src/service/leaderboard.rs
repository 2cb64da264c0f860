//! Scoring and the leaderboard, by the original SahasrahBot's rules. Pure: the service loads a
//! qualifier's runs, these functions decide every par, score and rank, and the service writes
//! them back in one transaction.
//!
//! - A permalink's par is the mean elapsed time of its five (or fewer) fastest finished,
//!   non-reattempted runs.
//! - A finished run scores `clamp((2 − elapsed/par) × 100, 0, max)`; a forfeit or a
//!   disqualification scores 0; a run not over yet has no score.
//! - A racer's leaderboard score is the mean over every slot (pools × runs per pool) of their
//!   best eligible runs in each pool (finished, forfeit or disqualified, not reattempted), a
//!   missing slot counting 0; the estimate is the mean over their finished runs only.

use std::collections::{BTreeMap, HashMap};

use crate::model::RunStatus;

/// How many of a permalink's fastest finishes make its par.
pub const PAR_RUNS: usize = 5;

/// What scoring needs to know of a run.
#[derive(Clone, Debug, PartialEq)]
pub struct RunFacts {
    pub id: i64,
    pub user_id: i64,
    pub pool_id: i64,
    pub permalink_id: i64,
    pub status: RunStatus,
    /// Milliseconds from start to finish, for a finished run.
    pub elapsed_ms: Option<i64>,
    pub reattempted: bool,
}

/// Each permalink's par in milliseconds; a permalink nobody finished has none.
pub fn pars(runs: &[RunFacts]) -> HashMap<i64, f64> {
    let mut finishes: HashMap<i64, Vec<i64>> = HashMap::new();
    for run in runs {
        if let (RunStatus::Finished, Some(elapsed), false) =
            (run.status, run.elapsed_ms, run.reattempted)
        {
            finishes.entry(run.permalink_id).or_default().push(elapsed);
        }
    }
    finishes
        .into_iter()
        .map(|(permalink, mut times)| {
            times.sort_unstable();
            times.truncate(PAR_RUNS);
            let mean = times.iter().map(|t| *t as f64).sum::<f64>() / times.len() as f64;
            (permalink, mean)
        })
        .collect()
}

/// A finished run's score against its permalink's par, to a thousandth of a point.
pub fn finish_score(elapsed_ms: i64, par_ms: f64, max_score: f64) -> f64 {
    if par_ms <= 0.0 {
        return 0.0;
    }
    round(((2.0 - elapsed_ms as f64 / par_ms) * 100.0).clamp(0.0, max_score))
}

/// Scores are kept to a thousandth of a point, so that equal performances compare equal.
fn round(score: f64) -> f64 {
    (score * 1000.0).round() / 1000.0
}

/// Every run's score (`None` while it is not over).
pub fn scores(
    runs: &[RunFacts],
    pars: &HashMap<i64, f64>,
    max_score: f64,
) -> HashMap<i64, Option<f64>> {
    runs.iter()
        .map(|run| {
            let score = match run.status {
                RunStatus::Finished => run
                    .elapsed_ms
                    .zip(pars.get(&run.permalink_id))
                    .map(|(elapsed, par)| finish_score(elapsed, *par, max_score)),
                RunStatus::Forfeit | RunStatus::Disqualified => Some(0.0),
                RunStatus::Pending | RunStatus::InProgress => None,
            };
            (run.id, score)
        })
        .collect()
}

/// A racer's line on the leaderboard.
#[derive(Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Standing {
    /// 1 for the best; equal scores share a place.
    pub place: usize,
    pub user_id: i64,
    pub score: f64,
    pub estimate: f64,
    pub finished: usize,
    pub forfeited: usize,
}

/// The leaderboard of a qualifier with `pools` and `runs_per_pool`, best first.
pub fn leaderboard(
    runs: &[RunFacts],
    scores: &HashMap<i64, Option<f64>>,
    pools: &[i64],
    runs_per_pool: usize,
) -> Vec<Standing> {
    let slots = (pools.len() * runs_per_pool).max(1) as f64;
    // racer → pool → eligible scores
    let mut by_racer: BTreeMap<i64, HashMap<i64, Vec<f64>>> = BTreeMap::new();
    let mut finished: HashMap<i64, Vec<f64>> = HashMap::new();
    let mut forfeited: HashMap<i64, usize> = HashMap::new();
    for run in runs.iter().filter(|r| !r.reattempted) {
        let Some(Some(score)) = scores.get(&run.id) else {
            continue;
        };
        by_racer
            .entry(run.user_id)
            .or_default()
            .entry(run.pool_id)
            .or_default()
            .push(*score);
        match run.status {
            RunStatus::Finished => finished.entry(run.user_id).or_default().push(*score),
            RunStatus::Forfeit => *forfeited.entry(run.user_id).or_default() += 1,
            _ => {}
        }
    }
    let mut board: Vec<Standing> = by_racer
        .into_iter()
        .map(|(user_id, by_pool)| {
            let total: f64 = pools
                .iter()
                .filter_map(|pool| by_pool.get(pool))
                .map(|scores| {
                    let mut best = scores.clone();
                    best.sort_by(|a, b| b.total_cmp(a));
                    best.into_iter().take(runs_per_pool).sum::<f64>()
                })
                .sum();
            let done = finished.get(&user_id).map(Vec::as_slice).unwrap_or(&[]);
            let estimate = if done.is_empty() {
                0.0
            } else {
                done.iter().sum::<f64>() / done.len() as f64
            };
            Standing {
                place: 0,
                user_id,
                score: round(total / slots),
                estimate: round(estimate),
                finished: done.len(),
                forfeited: forfeited.get(&user_id).copied().unwrap_or(0),
            }
        })
        .collect();
    board.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(b.estimate.total_cmp(&a.estimate))
            .then(a.user_id.cmp(&b.user_id))
    });
    let mut place = 0;
    let mut last = None;
    for (i, line) in board.iter_mut().enumerate() {
        if last != Some(line.score) {
            place = i + 1;
            last = Some(line.score);
        }
        line.place = place;
    }
    board
}

#[cfg(test)]
mod tests {
    use super::*;
    use RunStatus::*;

    const MIN: i64 = 60_000;

    fn run(
        id: i64,
        user_id: i64,
        pool_id: i64,
        permalink_id: i64,
        status: RunStatus,
        minutes: Option<i64>,
    ) -> RunFacts {
        RunFacts {
            id,
            user_id,
            pool_id,
            permalink_id,
            status,
            elapsed_ms: minutes.map(|m| m * MIN),
            reattempted: false,
        }
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn par_is_the_mean_of_the_five_fastest_finishes() {
        // Seven finishes of 60..=120 minutes step 10: the five fastest are 60..=100, mean 80.
        let mut runs: Vec<RunFacts> = (0..7)
            .map(|i| run(i, 100 + i, 1, 10, Finished, Some(60 + 10 * i)))
            .collect();
        // Forfeits, runs not over and reattempted finishes don't count, however fast.
        runs.push(run(20, 200, 1, 10, Forfeit, None));
        runs.push(run(21, 201, 1, 10, InProgress, None));
        runs.push(RunFacts {
            reattempted: true,
            ..run(22, 202, 1, 10, Finished, Some(1))
        });
        let pars = pars(&runs);
        assert!(close(pars[&10], 80.0 * MIN as f64), "{pars:?}");
    }

    #[test]
    fn fewer_than_five_finishes_make_the_par_and_none_make_none() {
        let runs = vec![
            run(1, 1, 1, 10, Finished, Some(90)),
            run(2, 2, 1, 10, Finished, Some(110)),
            run(3, 3, 1, 11, Forfeit, None),
        ];
        let pars = pars(&runs);
        assert!(close(pars[&10], 100.0 * MIN as f64));
        assert!(!pars.contains_key(&11));
    }

    #[test]
    fn a_finish_scores_against_par_capped_and_floored() {
        let par = 100.0 * MIN as f64;
        assert!(close(finish_score(100 * MIN, par, 105.0), 100.0));
        assert!(close(finish_score(90 * MIN, par, 105.0), 105.0)); // 110 capped
        assert!(close(finish_score(97 * MIN, par, 105.0), 103.0));
        assert!(close(finish_score(150 * MIN, par, 105.0), 50.0));
        assert!(close(finish_score(250 * MIN, par, 105.0), 0.0));
        assert!(close(finish_score(90 * MIN, par, 120.0), 110.0)); // an organization's own cap
    }

    #[test]
    fn forfeits_and_disqualifications_score_zero_and_open_runs_nothing() {
        let runs = vec![
            run(1, 1, 1, 10, Finished, Some(100)),
            run(2, 2, 1, 10, Forfeit, None),
            run(3, 3, 1, 10, Disqualified, None),
            run(4, 4, 1, 10, Pending, None),
            run(5, 5, 1, 10, InProgress, None),
        ];
        let s = scores(&runs, &pars(&runs), 105.0);
        assert_eq!(s[&1], Some(100.0));
        assert_eq!(s[&2], Some(0.0));
        assert_eq!(s[&3], Some(0.0));
        assert_eq!(s[&4], None);
        assert_eq!(s[&5], None);
    }

    /// Two pools, one run each. Pool 1's permalink 10: A 90 min, B 110 min → par 100, A scores
    /// 105 (110 capped), B 90. Pool 2's permalink 20: A 100, C 60 → par 80, A 75, C 105.
    /// B forfeits pool 2. A: (105 + 75) / 2 = 90, estimate 90. C: (0 + 105) / 2 = 52.5,
    /// estimate 105. B: (90 + 0) / 2 = 45, estimate 90.
    #[test]
    fn the_leaderboard_is_the_mean_over_every_slot() {
        let runs = vec![
            run(1, 1, 1, 10, Finished, Some(90)),
            run(2, 2, 1, 10, Finished, Some(110)),
            run(3, 1, 2, 20, Finished, Some(100)),
            run(4, 3, 2, 20, Finished, Some(60)),
            run(5, 2, 2, 20, Forfeit, None),
        ];
        let scores = scores(&runs, &pars(&runs), 105.0);
        let board = leaderboard(&runs, &scores, &[1, 2], 1);
        let lines: Vec<(usize, i64, f64, f64, usize, usize)> = board
            .iter()
            .map(|l| {
                (
                    l.place,
                    l.user_id,
                    l.score,
                    l.estimate,
                    l.finished,
                    l.forfeited,
                )
            })
            .collect();
        assert_eq!(
            lines,
            vec![
                (1, 1, 90.0, 90.0, 2, 0),
                (2, 3, 52.5, 105.0, 1, 0),
                (3, 2, 45.0, 90.0, 1, 1),
            ]
        );
    }

    /// Two runs per pool: a racer's best two count in a pool, a reattempted run not at all.
    /// Permalink 10: finishes of 100 and 150 minutes, par 125; 150 scores 80. Permalink 12:
    /// racer 1's 80 minutes alone set its par, scoring 100. Racer 1: (80 + 100) / 2 = 90.
    #[test]
    fn the_best_runs_per_pool_count_and_reattempts_do_not() {
        let mut runs = vec![
            run(1, 9, 1, 10, Finished, Some(100)),
            run(3, 1, 1, 10, Finished, Some(150)),
            RunFacts {
                reattempted: true,
                ..run(4, 1, 1, 11, Forfeit, None)
            },
            run(5, 1, 1, 12, Finished, Some(80)),
        ];
        let scores = scores(&runs, &pars(&runs), 105.0);
        assert_eq!(scores[&1], Some(105.0));
        assert!(close(scores[&3].unwrap(), 80.0));
        assert_eq!(scores[&5], Some(100.0));
        let board = leaderboard(&runs, &scores, &[1], 2);
        let racer = board.iter().find(|l| l.user_id == 1).unwrap();
        assert!(close(racer.score, 90.0), "{racer:?}");
        assert_eq!((racer.finished, racer.forfeited), (2, 0));
        // Not reattempted, the forfeit is a third run: the best two still count, and it shows.
        runs[2].reattempted = false;
        let board = leaderboard(&runs, &scores, &[1], 2);
        let racer = board.iter().find(|l| l.user_id == 1).unwrap();
        assert!(close(racer.score, 90.0));
        assert_eq!(racer.forfeited, 1);
    }

    #[test]
    fn missing_slots_and_empty_pools_count_zero_and_ties_share_a_place() {
        let runs = vec![
            run(1, 1, 1, 10, Finished, Some(100)),
            run(2, 2, 1, 10, Finished, Some(100)),
        ];
        let scores = scores(&runs, &pars(&runs), 105.0);
        // Pool 2 has no permalinks run yet, pool 3 none at all: three slots, one filled.
        let board = leaderboard(&runs, &scores, &[1, 2, 3], 1);
        assert_eq!(board.len(), 2);
        assert!(board.iter().all(|l| l.place == 1 && close(l.score, 33.333)));
        assert!(leaderboard(&[], &HashMap::new(), &[1], 1).is_empty());
        // A racer with only an open run is not on the board yet.
        let open = vec![run(3, 5, 1, 10, InProgress, None)];
        let s = super::scores(&open, &HashMap::new(), 105.0);
        assert!(leaderboard(&open, &s, &[1], 1).is_empty());
    }
}

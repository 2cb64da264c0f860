//! Example data for demo mode: a qualifier with two pools of permalinks and a few racers'
//! finished and forfeited runs, scored, some waiting for review. Runs are written with times
//! in the past (a real run takes its time); everything else goes through the services.

use sahabot_sdk::runtime_kinds::{OrgContext, PluginError};
use sahabot_sdk::time;

use crate::model::{QualifierForm, RunStatus};
use crate::repo::runs;
use crate::service::caller::Caller;
use crate::service::{pools, qualifiers, scores};

const MIN: i64 = 60_000;
const DAY: i64 = 24 * 60 * MIN;

pub async fn fill(ctx: OrgContext) -> Result<(), PluginError> {
    let members = ctx.db.members().await?;
    let racers: Vec<i64> = members.iter().skip(1).take(4).map(|m| m.user_id).collect();
    if racers.is_empty() {
        return Ok(());
    }
    let caller = Caller::organization(ctx.db.clone()).await?;
    let now = time::now_millis();
    let q = qualifiers::create(
        &caller,
        &QualifierForm {
            name: "Spring Qualifier".into(),
            description: "Two pools, one run each: the top racers enter the Spring Invitational."
                .into(),
            is_active: true,
            opens_at: Some(now - 7 * DAY),
            closes_at: Some(now + 21 * DAY),
            runs_per_pool: 1,
            max_reattempts: Some(1),
            ..QualifierForm::default()
        },
    )
    .await?;
    let mut permalinks = Vec::new();
    for (pool, seeds) in [
        ("Standard", ["Kq7vXb2RmA", "Zt3LpW9cNe"]),
        ("Open", ["Hm4QyS8dJf", "Rb6NxT1gVk"]),
    ] {
        let id = pools::create(&caller, q, pool).await?;
        let mut ids = Vec::new();
        for seed in seeds {
            ids.push(
                pools::add_permalink(&caller, q, id, &format!("https://alttpr.com/h/{seed}"), "")
                    .await?,
            );
        }
        permalinks.push((id, ids));
    }
    // (racer, pool, minutes to finish or None for a forfeit), days ago.
    let minutes = [92, 101, 97, 115];
    let mut w = caller.db.write().await?;
    for (i, racer) in racers.iter().enumerate() {
        for (p, (pool, seeds)) in permalinks.iter().enumerate() {
            let forfeit = p == 1 && i == racers.len() - 1 && racers.len() > 1;
            let revealed = now - (5 - i as i64) * DAY + p as i64 * 3 * 60 * MIN;
            let Some(run) =
                runs::insert(&mut w, q, *pool, seeds[i % seeds.len()], *racer, revealed).await?
            else {
                continue;
            };
            let started = revealed + 5 * MIN;
            if forfeit {
                runs::set_status(
                    &mut w,
                    run,
                    RunStatus::Pending,
                    RunStatus::Forfeit,
                    None,
                    None,
                )
                .await?;
                continue;
            }
            let took = (minutes[i % minutes.len()] + 6 * p as i64) * MIN + (i as i64 * 17_000);
            runs::set_status(
                &mut w,
                run,
                RunStatus::Pending,
                RunStatus::InProgress,
                Some(started),
                None,
            )
            .await?;
            runs::set_status(
                &mut w,
                run,
                RunStatus::InProgress,
                RunStatus::Finished,
                None,
                Some(started + took),
            )
            .await?;
        }
    }
    scores::rescore(&mut w, q, caller.max_score).await?;
    w.commit().await?;
    Ok(())
}

import { expect, test } from "./fixtures";
import { openHydrated } from "./helpers";
import { signedIn } from "./session";

test("a racer runs a permalink and adds a VOD; a reviewer rejects then accepts with a corrected time and the leaderboard follows", async ({ browser }) => {
  test.setTimeout(90_000);
  const name = `Qualifier ${Date.now()}`;
  const organizer = await signedIn(browser, "Zelda Speedster", "/org/alttpr/async_qualifier");

  // A qualifier, refused without a name, then created; a pool with one permalink (both racers
  // run the same seed).
  await organizer.getByTestId("new-qualifier").locator("summary").click();
  await organizer.getByTestId("qualifier-runs").fill("0");
  await organizer.getByRole("button", { name: "Create" }).click();
  await expect(organizer.locator('.field-error[data-field="name"]')).toContainText("may not be blank");
  await organizer.getByTestId("qualifier-name").fill(name);
  await organizer.getByRole("button", { name: "Create" }).click();
  await expect(organizer.locator('.field-error[data-field="runs_per_pool"]')).toContainText("must be between 1 and 20");
  await organizer.getByTestId("qualifier-runs").fill("1");
  await organizer.getByRole("button", { name: "Create" }).click();
  await organizer.getByTestId("qualifier-row").getByRole("link", { name }).click();
  await expect(organizer.getByTestId("qualifier").locator("h2")).toHaveText(name);
  const qualifierUrl = organizer.url().replace(/^https?:\/\/[^/]+/, "");
  await organizer.getByTestId("pools-link").click();
  await organizer.getByTestId("pool-name").fill("Standard");
  await organizer.getByRole("button", { name: "Add the pool" }).click();
  for (const seed of ["e2e-one"]) {
    await organizer.locator('[data-testid="new-permalink"][data-pool="Standard"] summary').click();
    await organizer.getByTestId("permalink-url").fill(`https://alttpr.com/h/${seed}`);
    await organizer.getByRole("button", { name: "Add", exact: true }).click();
    await expect(organizer.getByTestId("permalink-row").filter({ hasText: seed })).toBeVisible();
  }

  // Two racers run it in the browser.
  for (const [racerName, vod] of [["Boots First", "https://twitch.tv/videos/1"], ["Mirror Shield", ""]]) {
    const racer = await signedIn(browser, racerName, qualifierUrl);
    await racer.locator('[data-testid="choose-pool"][data-pool="Standard"]').click();
    await expect(racer.getByTestId("point-of-no-return")).toContainText("Point of no return");
    await racer.getByTestId("reveal").click();
    await expect(racer.getByTestId("permalink")).toHaveText("https://alttpr.com/h/e2e-one");
    await expect(racer.getByTestId("run-status")).toHaveText("Getting ready");
    await racer.getByTestId("ready").click();
    await expect(racer.getByTestId("run-status")).toHaveText("In progress");
    await expect(racer.getByTestId("finish")).toBeEnabled({ timeout: 15_000 });
    await racer.getByTestId("finish").click();
    await expect(racer.getByTestId("run-status")).toHaveText("Finished");
    // Alone on the permalink, the first finish sets its par: 100. The second is scored against
    // the mean of both.
    await expect(racer.getByTestId("score")).toHaveText(vod ? "100.00" : /^\d+\.\d\d$/);
    if (vod) {
      await racer.getByTestId("vod").fill("not a link");
      await racer.getByRole("button", { name: "Save" }).click();
      await expect(racer.locator('.field-error[data-field="vod_url"]')).toContainText("must be a web address");
      await racer.getByTestId("vod").fill(vod);
      await racer.getByRole("button", { name: "Save" }).click();
      await expect(racer.getByTestId("submission-saved")).toBeVisible();
    }
  }

  // The reviewer rejects Boots's run (it waits for a second review), then accepts both with
  // corrected times: 1:30:00 and 1:50:00 make a par of 1:40:00, Boots 105 (capped), Mirror 90.
  const reviewer = await signedIn(browser, "Pendant Hunter", `${qualifierUrl}/review`);
  const boots = reviewer.locator('[data-testid="review-item"][data-racer="Boots First"]');
  await boots.getByTestId("review-notes").fill("Timer hidden at the end");
  await boots.getByTestId("reject").click();
  await expect(boots).toContainText("Pending second review");
  await boots.getByTestId("review-time").fill("1:30:00");
  await boots.getByTestId("accept").click();
  await expect(boots).toHaveCount(0);
  const mirror = reviewer.locator('[data-testid="review-item"][data-racer="Mirror Shield"]');
  await mirror.getByTestId("review-time").fill("1:50:00");
  await mirror.getByTestId("accept").click();
  await expect(reviewer.getByText("Nothing to review.")).toBeVisible();

  await openHydrated(organizer, qualifierUrl);
  const rows = organizer.getByTestId("leaderboard-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.first()).toHaveAttribute("data-racer", "Boots First");
  await expect(rows.first().getByTestId("leaderboard-score")).toHaveText("105.00");
  await expect(organizer.locator('[data-testid="leaderboard-row"][data-racer="Mirror Shield"]').getByTestId("leaderboard-score")).toHaveText("90.00");
  // The distribution of scores is drawn: seven bars of 15 points.
  await expect(organizer.getByTestId("score-histogram").getByTestId("histogram-bar")).toHaveCount(7);
  // The pools page draws the permalink's finish times and its par.
  await organizer.getByTestId("pools-link").click();
  await expect(organizer.getByTestId("finish-strip").locator("circle")).toHaveCount(2);
  await expect(organizer.getByTestId("permalink-row")).toContainText("1:40:00");
});

test("an organizer's manage page says how runs start in Discord", async ({ browser }) => {
  const organizer = await signedIn(browser, "Zelda Speedster", "/org/alttpr/async_qualifier");
  await organizer.getByTestId("qualifier-row").getByRole("link", { name: "Spring Qualifier" }).click();
  await organizer.getByTestId("manage-link").click();
  await expect(organizer.getByTestId("discord-channel")).toContainText("Not in Discord yet: run /async post");
});

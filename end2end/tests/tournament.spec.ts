import { expect, test } from "./fixtures";
import { openHydrated } from "./helpers";
import { signedIn } from "./session";

test("an organizer runs a tournament: matches, a racer's settings, a volunteer's signup, a result; a visitor sees the schedule", async ({ browser }) => {
  const name = `Spring Cup ${Date.now()}`;
  const organizer = await signedIn(browser, "Zelda Speedster", "/org/alttpr/tournament");

  // A tournament without a name is refused next to its field; with one it is listed.
  await organizer.getByTestId("new-tournament").locator("summary").click();
  await organizer.getByRole("button", { name: "Create" }).click();
  await expect(organizer.locator('[data-field="name"]')).toContainText("may not be blank");
  await organizer.getByTestId("tournament-name").fill(name);
  await organizer.getByRole("button", { name: "Create" }).click();
  await expect(organizer.getByTestId("tournament-created")).toBeVisible();
  await organizer.getByTestId("tournament-row").getByRole("link", { name }).click();
  await expect(organizer.getByTestId("tournament").locator("h2")).toHaveText(name);
  const tournamentUrl = organizer.url();

  // Players are registered and a settings form is written on the tournament's management page.
  await organizer.getByTestId("manage-tournament").click();
  await expect(organizer.getByTestId("tournament-players")).toBeVisible();
  for (const player of ["Boots First", "Mirror Shield"]) {
    await organizer.getByTestId("add-player-choice").selectOption({ label: player });
    await organizer.getByTestId("add-player").click();
    await expect(organizer.getByTestId("player-row").filter({ hasText: player })).toBeVisible();
  }
  const form = organizer.getByTestId("editor-form");
  await form.locator("textarea").fill(JSON.stringify([
    { name: "mode", label: "Mode", type: "select", options: ["open", "standard"], required: true },
    { name: "hearts", label: "Hearts", type: "number", min: 3, max: 20 },
  ]));
  await form.getByRole("button", { name: "Save" }).click();
  await expect(form.locator("textarea")).toHaveValue(/"hearts"/);

  // Two matches on the schedule, one with a time.
  await organizer.goto(tournamentUrl);
  await expect(organizer.locator("body")).toHaveAttribute("data-hydrated", "true");
  for (const [title, when] of [["Round 1", "2027-01-05T18:00"], ["Round 2", ""]]) {
    await organizer.getByTestId("new-match").locator("summary").click();
    await organizer.locator('[data-testid="match-player"][data-player="Boots First"]').check();
    await organizer.locator('[data-testid="match-player"][data-player="Mirror Shield"]').check();
    await organizer.getByTestId("match-title").fill(title);
    await organizer.getByTestId("match-when").fill(when);
    await organizer.getByRole("button", { name: "Create the match" }).click();
    await expect(organizer.getByTestId("match-row").filter({ hasText: title })).toBeVisible();
    await organizer.goto(tournamentUrl);
    await expect(organizer.locator("body")).toHaveAttribute("data-hydrated", "true");
  }
  await expect(organizer.getByTestId("match-row")).toHaveCount(2);

  // The racer finds both under "My matches" and submits settings; each problem is shown next to its field.
  const racer = await signedIn(browser, "Boots First", "/org/alttpr/tournament/mine");
  await expect(racer.getByTestId("my-matches").getByTestId("match-row").filter({ hasText: name })).toHaveCount(2);
  await racer.getByTestId("my-matches").getByTestId("match-row").filter({ hasText: name }).filter({ hasText: "Round 1" })
    .getByRole("link", { name: "Round 1" }).click();
  const settings = racer.getByTestId("settings-form");
  await settings.locator('[data-setting="hearts"]').fill("30");
  await racer.getByTestId("submit-settings").click();
  await expect(settings.locator('.field-error[data-field="mode"]')).toHaveText("is required");
  await expect(settings.locator('.field-error[data-field="hearts"]')).toHaveText("must be at most 20");
  await settings.locator('[data-setting="mode"]').selectOption("open");
  await settings.locator('[data-setting="hearts"]').fill("5");
  await racer.getByTestId("submit-settings").click();
  await expect(racer.getByTestId("settings-stored")).toBeVisible();
  await expect(racer.getByTestId("submission-row")).toContainText("mode: open");
  const matchUrl = racer.url();

  // A volunteer signs up to commentate; the organizer approves from the queue.
  const volunteer = await signedIn(browser, "Pendant Hunter", matchUrl.replace(/^https?:\/\/[^/]+/, ""));
  await volunteer.locator('[data-testid="crew-sign-up"][data-role="commentator"]').click();
  await expect(volunteer.locator('[data-testid="crew-row"][data-crew="Pendant Hunter"]')).toContainText("Waiting for approval");
  await openHydrated(organizer, "/org/alttpr/admin/tournament/crew");
  await organizer.locator('[data-testid="queue-row"][data-crew="Pendant Hunter"]').getByTestId("queue-approve").click();
  await expect(organizer.locator('[data-testid="queue-row"][data-crew="Pendant Hunter"]')).toHaveCount(0);

  // The organizer takes the match to its end, with a winner.
  await openHydrated(organizer, matchUrl.replace(/^https?:\/\/[^/]+/, ""));
  await expect(organizer.locator('[data-testid="crew-row"][data-crew="Pendant Hunter"]')).toContainText("Approved");
  const status = organizer.getByTestId("match").getByTestId("match-status").first();
  await expect(status).toHaveText("Scheduled");
  await organizer.getByTestId("advance").click();
  await expect(status).toHaveText("Checked in");
  await organizer.getByTestId("advance").click();
  await expect(status).toHaveText("In progress");
  await organizer.getByTestId("winner").selectOption({ label: "Boots First" });
  await organizer.getByTestId("record-winner").click();
  await expect(status).toHaveText("Finished");
  await expect(organizer.getByTestId("match-players").locator("td.winner")).toHaveText("Boots First");

  // A visitor who is not signed in sees the schedule, the result included.
  const visitor = await (await browser.newContext()).newPage();
  await openHydrated(visitor, tournamentUrl.replace(/^https?:\/\/[^/]+/, ""));
  const rows = visitor.getByTestId("match-row");
  await expect(rows).toHaveCount(2);
  await expect(rows.filter({ hasText: "Round 1" }).getByTestId("match-status")).toHaveText("Finished");
  await expect(rows.filter({ hasText: "Round 1" }).locator(".winner")).toHaveText("Boots First");
  await expect(rows.filter({ hasText: "Round 2" })).toContainText("not scheduled");
  await expect(visitor.getByTestId("new-match")).toHaveCount(0);
  const feed = await visitor.request.get(await visitor.getByTestId("calendar-feed").getAttribute("href") ?? "");
  expect(feed.headers()["content-type"]).toContain("text/calendar");
  expect(await feed.text()).toContain("SUMMARY:" + name + ": Round 1");
});

test("an organizer schedules matches in bulk: each line is read back, a bad one is named, all are created at once", async ({ browser }) => {
  const name = `Bulk Cup ${Date.now()}`;
  const organizer = await signedIn(browser, "Zelda Speedster", "/org/alttpr/tournament");
  await organizer.getByTestId("new-tournament").locator("summary").click();
  await organizer.getByTestId("tournament-name").fill(name);
  await organizer.getByRole("button", { name: "Create" }).click();
  await organizer.getByTestId("tournament-row").getByRole("link", { name }).click();
  await expect(organizer.getByTestId("tournament").locator("h2")).toHaveText(name);
  const tournamentUrl = organizer.url();
  await organizer.getByTestId("manage-tournament").click();
  for (const player of ["Boots First", "Mirror Shield", "Pendant Hunter"]) {
    await organizer.getByTestId("add-player-choice").selectOption({ label: player });
    await organizer.getByTestId("add-player").click();
    await expect(organizer.getByTestId("player-row").filter({ hasText: player })).toBeVisible();
  }

  await organizer.goto(tournamentUrl);
  await expect(organizer.locator("body")).toHaveAttribute("data-hydrated", "true");
  await organizer.getByTestId("bulk-schedule").click();
  const text = organizer.getByTestId("bulk-text");
  await text.fill("Boots First vs Mirror Shield; 2027-01-05 18:00; ; Round 1\nPendant Hunter, Ganon; ; ; Round 2");
  await expect(organizer.getByTestId("bulk-row")).toHaveCount(1);
  await expect(organizer.getByTestId("bulk-problem")).toContainText("`Ganon` is not a player of this tournament");
  await expect(organizer.getByTestId("bulk-submit")).toBeDisabled();

  await text.fill("Boots First vs Mirror Shield; 2027-01-05 18:00; ; Round 1\nPendant Hunter, Boots First; ; ; Round 2");
  await expect(organizer.getByTestId("bulk-problem")).toHaveCount(0);
  await expect(organizer.getByTestId("bulk-submit")).toHaveText("Schedule 2 matches");
  await organizer.getByTestId("bulk-submit").click();
  await expect(organizer.getByTestId("bulk-done")).toContainText("Scheduled 2 matches");
  await expect(text).toHaveValue("");

  await organizer.goto(tournamentUrl);
  await expect(organizer.getByTestId("match-row")).toHaveCount(2);
  await expect(organizer.getByTestId("match-row").filter({ hasText: "Round 1" })).toContainText("Boots First vs Mirror Shield");
  await expect(organizer.getByTestId("match-row").filter({ hasText: "Round 2" })).toContainText("not scheduled");
});

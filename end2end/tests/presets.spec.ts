import { expect, test } from "./fixtures";
import { signedIn } from "./session";

test("an organizer writes a preset, sees its error on its line, fixes it and rolls a seed; a racer rolls it too; both are in the history", async ({ browser }) => {
  const organizer = await signedIn(browser, "Zelda Speedster", "/org/alttpr/presets");
  await organizer.getByTestId("new-preset").click();
  await expect(organizer).toHaveURL(/\/org\/alttpr\/presets\/new$/);
  const name = `race-${Date.now()}`;
  await organizer.getByTestId("preset-name").fill(name);
  const yaml = organizer.getByTestId("preset-yaml");
  // The randomizer's example is there to start from; a mistake on line 3 is named there.
  await expect(yaml).toHaveValue(/settings:/);
  await yaml.fill("goal_name: Open\nsettings:\n  goal: sideways\n  mode: open\n");
  const problem = organizer.getByTestId("yaml-problem");
  await expect(problem).toHaveAttribute("data-line", "3");
  await expect(problem).toContainText("settings.goal");
  await expect(problem).toContainText("is not one of");
  // Saving it is refused and stores nothing.
  await organizer.getByTestId("preset-save").click();
  await expect(organizer.getByTestId("preset-error").or(organizer.locator('[data-field="yaml"]'))).toContainText("settings.goal");
  await expect(organizer).toHaveURL(/\/presets\/new$/);

  await yaml.fill("goal_name: Open\nsettings:\n  goal: ganon\n  mode: open\n");
  await expect(organizer.getByTestId("yaml-ok")).toBeVisible();
  await organizer.getByTestId("preset-save").click();
  await expect(organizer).toHaveURL(/\/org\/alttpr\/presets\/p\/\d+$/);
  const presetUrl = organizer.url();

  await organizer.getByTestId("roll-seed").click();
  const result = organizer.getByTestId("roll-result");
  await expect(result.getByTestId("seed-permalink")).toHaveAttribute("href", /\/h\/e2eSeed\d{3}$/);
  await expect(result.getByTestId("hash-icon")).toHaveCount(5);
  await expect(result.getByTestId("hash-icon").nth(1)).toHaveText("Big Key");

  // A racer (a member without roles) finds the public preset and rolls it on the roll page.
  const racer = await signedIn(browser, "Boots First", "/org/alttpr/presets/roll");
  await racer.getByTestId("roll-randomizer").selectOption("alttpr");
  await racer.getByTestId("roll-preset").selectOption({ label: `zelda-speedster/${name}` });
  await racer.getByTestId("roll-submit").click();
  await expect(racer.getByTestId("roll-result").getByTestId("seed-permalink")).toHaveAttribute("href", /\/h\/e2eSeed\d{3}$/);
  const racerSeed = await racer.getByTestId("roll-result").getByTestId("seed-permalink").getAttribute("href");

  // The racer may read the preset but not change it.
  await racer.goto(presetUrl);
  await expect(racer.getByTestId("preset-yaml-view")).toContainText("goal: ganon");
  await expect(racer.getByTestId("preset-save")).toHaveCount(0);

  // Both rolls are in the organization's seed history, the racer's first.
  await organizer.goto("/org/alttpr/presets/seeds");
  const rows = organizer.getByTestId("history-row");
  await expect(rows.first()).toContainText("Boots First");
  await expect(rows.first()).toContainText(`zelda-speedster/${name}`);
  await expect(rows.first().locator(`a[href="${racerSeed}"]`)).toBeVisible();
  await expect(organizer.getByTestId("history-row").filter({ hasText: "Zelda Speedster" }).first()).toContainText(name);
});

test("a preset imported from a YAML file is checked like typed text, and a file too large is refused before it is read", async ({ browser }) => {
  const organizer = await signedIn(browser, "Zelda Speedster", "/org/alttpr/presets/new");
  const yaml = organizer.getByTestId("preset-yaml");
  await expect(yaml).toHaveValue(/settings:/);
  const picker = organizer.getByTestId("preset-import");
  await picker.setInputFiles({
    name: "imported.yaml",
    mimeType: "text/yaml",
    buffer: Buffer.from("goal_name: Imported\nsettings:\n  goal: ganon\n  mode: sideways\n"),
  });
  await expect(yaml).toHaveValue(/goal_name: Imported/);
  const problem = organizer.getByTestId("yaml-problem");
  await expect(problem).toHaveAttribute("data-line", "4");
  await expect(problem).toContainText("settings.mode");

  await picker.setInputFiles({
    name: "huge.yaml",
    mimeType: "text/yaml",
    buffer: Buffer.alloc(70 * 1024, "a"),
  });
  await expect(organizer.getByTestId("import-error")).toContainText("huge.yaml is larger than 64 KB");
  // The text in the editor is left as it was.
  await expect(yaml).toHaveValue(/goal_name: Imported/);
});

import { expect, test } from "./fixtures";
import { expectRefused } from "./helpers";
import { signedIn } from "./session";

test("the platform's events page counts the recorded events and lists no failure on a fresh demo", async ({ browser }) => {
  const superadmin = await signedIn(browser, "Synack", "/");
  await superadmin.getByRole("link", { name: "Events" }).click();
  await expect(superadmin).toHaveURL(/\/admin\/events$/);
  // The demo data's organizations and members were recorded as core events.
  await expect(superadmin.getByTestId("event-counts")).toContainText(/\d+ events recorded/);
  await expect(superadmin.getByTestId("no-failures")).toBeVisible();

  // An org admin is refused the page.
  const admin = await signedIn(browser, "Zelda Speedster", "/");
  await expectRefused(admin, "/admin/events");
  await expect(admin.getByTestId("event-counts")).toHaveCount(0);
});

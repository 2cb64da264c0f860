import { expect, test } from "./fixtures";
import { openHydrated } from "./helpers";

test("pages hydrate under their Content-Security-Policy and an injected inline handler does not run", async ({
  page,
  cspViolations,
}) => {
  const response = await page.goto("/");
  expect(response?.headers()["content-security-policy"]).toContain("'strict-dynamic'");
  await openHydrated(page, "/org/alttpr/tournament");
  expect(cspViolations).toEqual([]);

  // Markup smuggled into a page, as an XSS would: its inline handler is refused, and the
  // refusal is seen.
  await page.evaluate(() => {
    const box = document.createElement("div");
    box.innerHTML = `<img src="/no-such-image.png" onerror="window.injected = true">`;
    document.body.append(box);
  });
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  cspViolations.length = 0;
});

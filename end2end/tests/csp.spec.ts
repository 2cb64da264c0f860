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
  // refusal is reported. A click fires the handler at once, with no network involved.
  const refusal = await page.evaluate(
    () =>
      new Promise<string>((resolve) => {
        document.addEventListener("securitypolicyviolation", (event) => resolve(event.violatedDirective), {
          once: true,
        });
        const box = document.createElement("div");
        box.innerHTML = `<button type="button" onclick="window.injected = true">x</button>`;
        document.body.append(box);
        box.querySelector("button")?.click();
      }),
  );
  expect(refusal).toMatch(/^script-src/);
  expect(await page.evaluate(() => (window as unknown as { injected?: boolean }).injected)).toBeUndefined();
  await expect.poll(() => cspViolations.length).toBeGreaterThan(0);
  cspViolations.length = 0;
});

import { test as base, BrowserContext, expect, Page } from "@playwright/test";

/**
 * Every test runs with the pages' Content-Security-Policy on: a violation (a script, style or
 * connection the policy refuses) in any browser context the test opens fails the test. A test
 * that provokes one on purpose reads and empties `cspViolations`.
 */
export const test = base.extend<{ cspViolations: string[] }>({
  cspViolations: [
    async ({ browser, context }, use) => {
      const violations: string[] = [];
      const watch = (ctx: BrowserContext) =>
        ctx.on("console", (message) => {
          if (message.type() === "error" && message.text().includes("Content Security Policy")) {
            violations.push(`${message.location().url}: ${message.text()}`);
          }
        });
      watch(context);
      const newContext = browser.newContext.bind(browser);
      browser.newContext = async (...args) => {
        const ctx = await newContext(...args);
        watch(ctx);
        return ctx;
      };
      try {
        await use(violations);
      } finally {
        browser.newContext = newContext;
      }
      expect(violations, "Content-Security-Policy violations").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };
export type { Page };

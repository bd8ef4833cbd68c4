// Shared by the study-tool browser tests (known.test.mjs, timeline.test.mjs): an axe scan that returns the
// serious and critical violations, and screenshots that go to test-results/ on every run and to
// docs/screenshots/ with UPDATE_SCREENSHOTS=1
// (`UPDATE_SCREENSHOTS=1 SITE_DIR=site node --test tests/browser/known.test.mjs`), once their check has passed.
// Not a test file itself.
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { ROOT, SCREENSHOTS, axeSource } from "./helpers.mjs";

const RESULTS = path.join(ROOT, "tests", "browser", "test-results");
const UPDATE = Boolean(process.env.UPDATE_SCREENSHOTS);

/** axe-core's default rules (WCAG 2.x A/AA, best practices) on the page as it is, or only on the elements
 *  matching the selectors of `include` (a summit page has 29,000 nodes: a11y.test.mjs scans it whole):
 *  the serious and critical violations, as "rule ×count: first target" strings. */
export async function axeBlocking(page, include = null) {
  await page.addScriptTag({ content: axeSource() });
  const result = await page.evaluate((inc) => window.axe.run(inc ? { include: inc.map((s) => [s]) } : document), include);
  return result.violations.filter((v) => v.impact === "serious" || v.impact === "critical")
    .map((v) => `${v.id} ×${v.nodes.length}: ${v.nodes[0].target.join(" ")}`);
}

/** Take the picture into test-results/, run `check`, then (UPDATE_SCREENSHOTS=1) copy it to docs/screenshots/. */
export async function shoot(page, name, check) {
  mkdirSync(RESULTS, { recursive: true });
  const file = path.join(RESULTS, name);
  await page.screenshot({ path: file });
  await check();
  if (UPDATE) {
    mkdirSync(SCREENSHOTS, { recursive: true });
    copyFileSync(file, path.join(SCREENSHOTS, name));
  }
}

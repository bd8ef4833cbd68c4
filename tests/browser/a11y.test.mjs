// axe-core scan of the home page, a summit page (also with a tooltip or a word popup open) and the glossary.
// Fails on serious or critical violations; every violation found (any impact) is printed as a
// test diagnostic and written to tests/browser/test-results/axe-<page>.json (git-ignored).
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync, readdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { PHONE, ROOT, SITE, axeSource, newPage, open, wordLocator, useSite } from "./helpers.mjs";

const RESULTS = path.join(ROOT, "tests", "browser", "test-results");
const BLOCKING = new Set(["serious", "critical"]);

const site = useSite();
let axe;
before(async () => {
  axe = axeSource();
});

async function scan(page, label) {
  await page.addScriptTag({ content: axe });
  const result = await page.evaluate(() =>
    // axe's default rule set: WCAG 2.x A/AA and best practices (experimental rules off).
    window.axe.run(document, { resultTypes: ["violations", "incomplete"] }),
  );
  const summarise = (v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    helpUrl: v.helpUrl,
    count: v.nodes.length,
    nodes: v.nodes.slice(0, 5).map((n) => ({ target: n.target.join(" "), html: n.html.slice(0, 200), summary: n.failureSummary })),
  });
  const violations = result.violations.map(summarise);
  // "Needs review": axe could not decide (e.g. contrast over a background it cannot compute).
  const incomplete = result.incomplete.map(summarise);
  mkdirSync(RESULTS, { recursive: true });
  writeFileSync(path.join(RESULTS, `axe-${label}.json`), JSON.stringify({ axe: result.testEngine.version, url: result.url, violations, incomplete }, null, 2));
  violations.incomplete = incomplete;
  return violations;
}

function report(t, label, violations) {
  if (!violations.length) t.diagnostic(`${label}: no axe violations`);
  for (const v of violations) {
    t.diagnostic(`${label}: [${v.impact}] ${v.id} ×${v.count}: ${v.help} — e.g. ${v.nodes[0]?.target}`);
  }
  for (const v of violations.incomplete || []) {
    t.diagnostic(`${label}: needs review [${v.impact}] ${v.id} ×${v.count}: ${v.help} — e.g. ${v.nodes[0]?.target}`);
  }
  const blocking = violations.filter((v) => BLOCKING.has(v.impact));
  assert.deepEqual(
    blocking.map((v) => `${v.id} (${v.impact}, ${v.count} nodes: ${v.nodes.map((n) => n.target).join(", ")})`),
    [],
    `${label}: serious or critical axe violations`,
  );
}

for (const name of ["index.html", "summit-21.html", "glossary.html", "glossary/sco.html", "404.html"]) {
  test(`axe: ${name} has no serious or critical violations`, { timeout: 120_000 }, async (t) => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, name);
    const label = name.replace(/\.html$/, "").replace("/", "-");
    report(t, label, await scan(page, label));
    await page.context().close();
  });
}

test("axe: summit-21.html with a tooltip open has no serious or critical violations", { timeout: 120_000 }, async (t) => {
  const page = await newPage(site.browser, site.server);
  await open(page, site.server, "summit-21.html");
  await page.locator('span.term[data-term="shanghai-spirit"]').first().focus();
  assert.equal(await page.locator("#tip-shanghai-spirit").isVisible(), true);
  report(t, "summit-21-tooltip", await scan(page, "summit-21-tooltip"));
  await page.context().close();
});

test("axe: summit-21.html with a word popup open has no serious or critical violations", { timeout: 120_000 }, async (t) => {
  const page = await newPage(site.browser, site.server);
  await open(page, site.server, "summit-21.html");
  await (await wordLocator(page, "合作")).click();
  await page.locator(".sr-popup").waitFor({ state: "visible" });
  await page.waitForFunction(() => !/Loading…/.test(document.querySelector(".sr-popup").textContent));
  report(t, "summit-21-popup", await scan(page, "summit-21-popup"));
  await page.context().close();
});

// Lighthouse's accessibility score counts axe's target-size rule (WCAG 2.2, 2.5.8: a target of at least
// 24 × 24 px or with that much room around it), which axe's default set leaves out. Every top-level page
// of whatever the site holds, on a phone.
test("every top-level page: touch targets of at least 24 px on a phone (WCAG 2.5.8)", { timeout: 300_000 }, async () => {
  const names = readdirSync(SITE).filter((n) => n.endsWith(".html")).sort();
  assert.ok(names.includes("index.html"), "the site has its pages");
  const page = await newPage(site.browser, site.server, PHONE);
  const problems = [];
  for (const name of names) {
    await open(page, site.server, name);
    await page.addScriptTag({ content: axe });
    const result = await page.evaluate(() => window.axe.run(document, { runOnly: ["target-size"] }));
    for (const v of result.violations) for (const n of v.nodes) problems.push(`${name}: ${n.html.slice(0, 120)}`);
  }
  assert.deepEqual(problems, [], "targets too small and too close");
  await page.context().close();
});

// Vocabulary pages in Chromium: the table works without JavaScript (default order, choices hidden);
// with it, ordering and the level filter reorder and hide rows and keep aria-sort in step; no page
// overflows a 390 px phone; axe finds nothing serious; the summit page fetches no vocabulary or
// download until asked, and its study block plus the vocabulary assets add under 10 % to its weight.
// Screenshots of a vocabulary page at 390 and 1280 px go to tests/browser/test-results/ (and to
// docs/screenshots/ with UPDATE_SCREENSHOTS=1), as in screenshots.test.mjs.
import { before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readFileSync, readdirSync, statSync } from "node:fs";
import path from "node:path";
import { PHONE, ROOT, SCREENSHOTS, SITE, axeSource, newPage, open, useSite } from "./helpers.mjs";

const RESULTS = path.join(ROOT, "tests", "browser", "test-results");
const UPDATE = Boolean(process.env.UPDATE_SCREENSHOTS);
const PAGE = "vocabulary/summit-21.html";
const DESKTOP = { viewport: { width: 1280, height: 800 } };

const site = useSite();
before(() => {
  mkdirSync(RESULTS, { recursive: true });
  if (UPDATE) mkdirSync(SCREENSHOTS, { recursive: true });
});

/** The rows of the list as shown: [{order, count, level, hidden}] per tbody, in DOM order. */
async function rows(page) {
  return page.$$eval(".sr-vocab-table tbody", (bodies) =>
    bodies.map((b) => [...b.rows].filter((r) => r.dataset.level).map((r) => ({
      order: +r.cells[0].textContent, count: +r.cells[4].textContent, level: +r.dataset.level, hidden: r.hidden,
    }))));
}

async function sortedBy(page) {
  return page.$$eval(".sr-vocab-table th[aria-sort]", (ths) => ths.map((th) => `${th.dataset.sort} ${th.getAttribute("aria-sort")}`));
}

describe("a vocabulary page without JavaScript", () => {
  test("is a table in order of appearance, terms first, with the choices hidden", async () => {
    const page = await newPage(site.browser, site.server, { ...DESKTOP, javaScriptEnabled: false });
    await open(page, site.server, PAGE);
    assert.equal(await page.locator(".sr-vocab-tools").isVisible(), false, "the choices need the script");
    const [terms, words] = await rows(page);
    assert.ok(terms.length > 10 && words.length > 100);
    const orders = [...terms, ...words].map((r) => r.order);
    assert.deepEqual(orders, orders.map((_, i) => i + 1));
    assert.deepEqual(await sortedBy(page), ["order ascending"]);
    await page.context().close();
  });
});

describe("a vocabulary page with JavaScript", () => {
  test("orders by frequency and level, filters by level, and says how many rows show", async () => {
    const page = await newPage(site.browser, site.server, DESKTOP);
    await open(page, site.server, PAGE);
    await page.locator(".sr-vocab-tools").waitFor({ state: "visible" });
    const before = await rows(page);
    const total = before.flat().length;

    await page.selectOption('[data-sr-vocab="order"]', "count");
    for (const body of await rows(page)) {
      const counts = body.map((r) => r.count);
      assert.deepEqual(counts, [...counts].sort((a, b) => b - a), "most frequent first in each group");
    }
    assert.deepEqual(await sortedBy(page), ["count descending"]);

    await page.selectOption('[data-sr-vocab="order"]', "level-desc");
    for (const body of await rows(page)) {
      const levels = body.map((r) => r.level);
      assert.deepEqual(levels, [...levels].sort((a, b) => b - a), "hardest first");
    }
    assert.deepEqual(await sortedBy(page), ["level descending"]);

    await page.selectOption('[data-sr-vocab="level"]', "5");
    const filtered = (await rows(page)).flat();
    assert.ok(filtered.every((r) => r.hidden === r.level < 5), "HSK 5 and above: lower levels hidden, the rest shown");
    const shown = filtered.filter((r) => !r.hidden).length;
    assert.ok(shown > 0 && shown < total);
    assert.equal(await page.locator(".sr-vocab-shown").innerText(), `Showing ${shown} of ${total} words.`);
    assert.equal(await page.locator(".sr-vocab-shown").getAttribute("role"), "status");

    await page.selectOption('[data-sr-vocab="level"]', "1");
    await page.selectOption('[data-sr-vocab="order"]', "order");
    assert.deepEqual(await rows(page), before, "back to the page as built");
    assert.deepEqual(await sortedBy(page), ["order ascending"]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("works when reached from the summit page's study block", async () => {
    const page = await newPage(site.browser, site.server, DESKTOP);
    await open(page, site.server, "summit-21.html");
    await page.locator('.sr-study a[href$="vocabulary/summit-21.html"]').click();
    await page.waitForURL(/vocabulary\/summit-21\.html$/);
    await page.locator(".sr-vocab-tools").waitFor({ state: "visible", timeout: 5000 });
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

/** The pages of the vocabulary index in the built site: vocabulary.html, vocabulary-2.html … */
function indexPages() {
  return readdirSync(SITE).filter((n) => /^vocabulary(-\d+)?\.html$/.test(n))
    .sort((a, b) => (+(a.match(/\d+/) || [1])[0]) - (+(b.match(/\d+/) || [1])[0]));
}

test("the vocabulary index pages through the summits by year and links each summit's list once", async () => {
  const page = await newPage(site.browser, site.server, PHONE);
  const pages = indexPages();
  const summits = readdirSync(path.join(SITE, "vocabulary")).filter((n) => /^summit-\d+\.html$/.test(n));
  const linked = [];
  await open(page, site.server, "vocabulary.html");
  for (const [k, name] of pages.entries()) {
    if (k > 0) await page.locator(".sr-pager").first().getByRole("link").nth(k - 1).click(); // the next page: the k-th link, its own is not one
    assert.ok(page.url().endsWith(`/${name}`), `the pager leads to ${name}`);
    linked.push(...await page.$$eval('.sr-vocab-summary a[href^="vocabulary/summit-"]', (as) => as.map((a) => a.getAttribute("href"))));
    assert.equal(await page.locator(".sr-pager").count(), pages.length > 1 ? 2 : 0);
    if (pages.length > 1) assert.equal(await page.locator('.sr-pager [aria-current="page"]').count(), 2);
    assert.equal(await page.locator("#by-level").count(), k === 0 ? 1 : 0, "the levels and downloads are on the first page");
    const years = await page.$$eval(".sr-vocab-summary th[scope=rowgroup]", (ths) => ths.map((th) => +th.textContent));
    assert.ok(years.length > 0 && years.every((y) => y > 2000));
  }
  assert.deepEqual(linked.sort(), summits.map((n) => `vocabulary/${n}`).sort());
  await page.context().close();
});

for (const name of [PAGE, ...indexPages(), "vocabulary/hsk-5.html", "vocabulary/terms.html"]) {
  test(`${name} fits a 390 px phone and a 1280 px screen, and axe finds nothing serious`, { timeout: 120_000 }, async (t) => {
    for (const options of [PHONE, DESKTOP]) {
      const page = await newPage(site.browser, site.server, options);
      await open(page, site.server, name);
      const width = options.viewport.width;
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
      assert.ok(overflow <= width, `${name} at ${width} px scrolls sideways (${overflow} px)`);
      await page.addScriptTag({ content: axeSource() });
      const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
      for (const v of result.violations) t.diagnostic(`${name} @${width}: [${v.impact}] ${v.id} ×${v.nodes.length}: ${v.help}`);
      const blocking = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
      assert.deepEqual(blocking.map((v) => `${v.id}: ${v.nodes[0]?.target}`), [], `${name} at ${width} px`);
      await page.context().close();
    }
  });
}

test("a summit page fetches no list or download until asked, and its study additions weigh under 10 %", async (t) => {
  const page = await newPage(site.browser, site.server, DESKTOP);
  const fetched = [];
  page.on("requestfinished", (r) => fetched.push(new URL(r.url()).pathname));
  await open(page, site.server, "summit-20.html"); // the lightest summit page: the largest share
  await page.waitForTimeout(500);
  assert.deepEqual(fetched.filter((p) => /\/(downloads|vocabulary)\//.test(p)), []);
  const file = (p) => statSync(path.join(SITE, decodeURIComponent(p))).size;
  const total = fetched.filter((p) => !p.endsWith("/")).reduce((sum, p) => sum + file(p), 0);
  const study = await page.evaluate(() =>
    new Blob([document.querySelector(".sr-study").outerHTML, document.querySelector('.md-nav__link[href$="vocabulary.html"]')?.closest("li").outerHTML || ""]).size);
  const added = study + file("/assets/vocabulary.css") + file("/assets/vocabulary.js");
  assert.ok(fetched.includes("/assets/vocabulary.js"), "the measure counts what the page loads");
  t.diagnostic(`summit-20.html: ${total} bytes loaded, of which the study block and vocabulary assets ${added} (${(100 * added / (total - added)).toFixed(1)} %)`);
  assert.ok(added < 0.1 * (total - added), `the study additions weigh ${added} of ${total} bytes`);

  // A download starts only on a click, with its file name.
  const [download] = await Promise.all([page.waitForEvent("download"), page.locator('.sr-study a[href$="downloads/summit-20.apkg"]').click()]);
  assert.equal(download.suggestedFilename(), "summit-20.apkg");
  const bytes = readFileSync(await download.path());
  assert.equal(bytes.subarray(0, 2).toString(), "PK", "an .apkg is a zip");
  await page.context().close();
});

/** Take the picture into test-results/, run `check`, then (UPDATE_SCREENSHOTS=1) copy it to docs/screenshots/. */
async function shoot(page, name, check) {
  const file = path.join(RESULTS, name);
  await page.screenshot({ path: file });
  await check();
  if (UPDATE) copyFileSync(file, path.join(SCREENSHOTS, name));
}

// At 1280 px the choices and the first rows (glossary terms first); at 390 px the words after the terms,
// easiest first from HSK 5 up: what a learner filtering for harder words sees on a phone.
for (const [label, options, target] of [["390", PHONE, "tbody.sr-vocab-words"], ["1280", DESKTOP, ".sr-vocab-tools"]]) {
  test(`screenshot of a vocabulary page at ${label} px, HSK 5 and above, easiest first`, { timeout: 60_000 }, async () => {
    const page = await newPage(site.browser, site.server, options);
    await open(page, site.server, PAGE);
    await page.selectOption('[data-sr-vocab="level"]', "5");
    await page.selectOption('[data-sr-vocab="order"]', "level");
    const shown = page.locator(target);
    await shown.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 70));
    await page.waitForTimeout(150);
    await shoot(page, `vocabulary-${label}.png`, async () => {
      const box = await shown.boundingBox();
      assert.ok(box && box.y >= 0 && box.y < 200, `${target} is at the top of the picture`);
      assert.match(await page.locator(".sr-vocab-shown").innerText(), /^Showing \d+ of \d+ words\.$/);
      const first = await page.$eval("tbody.sr-vocab-words tr[data-level]:not([hidden])", (r) => +r.dataset.level);
      assert.equal(first, 5, "the first word shown is HSK 5");
    });
    await page.context().close();
  });
}

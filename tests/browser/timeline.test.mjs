// The life of a term in the browser, at 390 and 1280 px: a term page's chart (drawn at build time) fits
// the page and says its numbers as text; the timeline page scrolls inside its own box, never the page,
// with the term column and the head row staying in view (sticky); both pages pass axe. Screenshots of a
// term chart (term-chart-390.png, term-chart-1280.png) go to docs/screenshots/ with UPDATE_SCREENSHOTS=1.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, inside, newPage, open, useSite } from "./helpers.mjs";
import { axeBlocking, shoot } from "./study.mjs";

const site = useSite();
const TERM = "glossary/shanghai-spirit.html";
const SIZES = [[390, PHONE], [1280, { viewport: { width: 1280, height: 800 } }]];

for (const [width, options] of SIZES) {
  test(`a term page's chart at ${width} px: on the page, its numbers as text, axe clean`, { timeout: 90_000 }, async () => {
    const page = await newPage(site.browser, site.server, options);
    await open(page, site.server, TERM);
    const chart = page.locator(".sr-chart");
    await chart.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 120));
    await page.waitForTimeout(150);
    const facts = await page.evaluate(() => {
      const svg = document.querySelector(".sr-chart-svg");
      return {
        pageWidth: document.documentElement.scrollWidth,
        numbers: [...svg.querySelectorAll(".sr-n")].map((t) => t.textContent),
        shown: [...svg.querySelectorAll("text")].every((t) => t.getBBox().width > 0),
        label: svg.getAttribute("aria-label"),
        role: svg.getAttribute("role"),
        counts: [...document.querySelectorAll(".sr-per-summit .sr-count")].map((c) => c.textContent),
      };
    });
    assert.ok(facts.pageWidth <= width, `the page is ${facts.pageWidth} px wide`);
    assert.equal(facts.role, "img");
    assert.ok(facts.shown, "every label of the chart is drawn");
    assert.deepEqual(facts.numbers.filter((n) => n !== "0"), facts.counts, "bars say the counts of the Occurrences row");
    for (const n of facts.numbers) assert.match(facts.label, new RegExp(`: ${n}\\b`));
    await shoot(page, `term-chart-${width}.png`, async () => {
      assert.ok(inside(await page.locator(".sr-chart-svg").boundingBox(), width, options.viewport.height), "the chart is on screen");
    });
    assert.deepEqual(await axeBlocking(page), [], "serious or critical axe violations");
    await page.context().close();
  });

  test(`the timeline at ${width} px scrolls in its box with the term column and head row in view; axe clean`, { timeout: 90_000 }, async () => {
    const page = await newPage(site.browser, site.server, options);
    await open(page, site.server, "timeline.html");
    const box = page.locator(".sr-timeline-box");
    await box.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 100));
    const before = await page.evaluate(() => {
      const b = document.querySelector(".sr-timeline-box");
      return { pageWidth: document.documentElement.scrollWidth, box: b.getBoundingClientRect().toJSON() };
    });
    assert.ok(before.pageWidth <= width, `the page itself is ${before.pageWidth} px wide`);
    // scroll the box to its far corner: the first term cell and the head row stay at the box's edges
    const after = await box.evaluate((b) => {
      b.scrollLeft = b.scrollWidth;
      b.scrollTop = b.scrollHeight;
      const edge = b.getBoundingClientRect();
      const rowHead = [...b.querySelectorAll("tbody th")].find((th) => th.getBoundingClientRect().bottom > edge.bottom - 60);
      const colHead = b.querySelector("thead tr:last-child th[data-summit]");
      return { edge: edge.toJSON(), rowHead: rowHead.getBoundingClientRect().toJSON(), colHead: colHead.getBoundingClientRect().toJSON(),
               scrolled: b.scrollTop > 0, rows: b.querySelectorAll("tbody tr").length };
    });
    assert.ok(after.scrolled, "the table is taller than its box: it scrolls inside");
    assert.ok(Math.abs(after.rowHead.left - after.edge.left) <= 2, "the term column sticks to the left edge");
    assert.ok(Math.abs(after.colHead.top - after.edge.top) <= 40, "the head row sticks to the top edge");
    assert.ok(after.rows > 100);
    assert.deepEqual(await axeBlocking(page), [], "serious or critical axe violations");
    await page.context().close();
  });
}

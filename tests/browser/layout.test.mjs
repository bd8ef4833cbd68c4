// Phone layout: no page is wider than a 390 px phone screen (no sideways scrolling), at the default
// text size and at the largest one (XL).
import { test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, newPage, open, useSite } from "./helpers.mjs";

const site = useSite();

/** The page's width (and the layout viewport's) and the outermost elements that reach past 390 px. */
function overflow() {
  const tooWide = (el) => el.getBoundingClientRect().right > 390.5;
  const culprits = [...document.querySelectorAll("body *")]
    .filter((el) => tooWide(el) && !(el.parentElement && tooWide(el.parentElement)))
    .slice(0, 6)
    .map((el) => `${el.tagName.toLowerCase()}${el.id ? "#" + el.id : el.classList[0] ? "." + el.classList[0] : ""} (right edge ${Math.round(el.getBoundingClientRect().right)} px: ${el.textContent.trim().slice(0, 16)}…)`);
  return { width: Math.max(document.documentElement.scrollWidth, window.innerWidth), culprits };
}

const CASES = [
  ...["index.html", "summit-20.html", "summit-21.html", "summit-24.html", "glossary.html", "glossary/sco.html", "404.html"].map((name) => ({ name, size: null })),
  ...["summit-20.html", "summit-21.html", "summit-24.html"].map((name) => ({ name, size: "xl" })),
];

for (const { name, size } of CASES) {
  test(`${name}${size ? ` (text size ${size.toUpperCase()})` : ""} fits a 390 px screen: no sideways scrolling`, { timeout: 30_000 }, async () => {
    const page = await newPage(site.browser, site.server, PHONE);
    if (size) await page.addInitScript((s) => localStorage.setItem("summit-reader:settings", JSON.stringify({ size: s })), size);
    await open(page, site.server, name);
    // Lay out every paragraph, as scrolling through the page would (off-screen ones skip layout).
    await page.addStyleTag({ content: ".sr-summit .sr-pair { content-visibility: visible !important; }" });
    const { width, culprits } = await page.evaluate(overflow);
    assert.ok(width <= 390, `${name} is ${width} px wide at 390 px; too wide: ${culprits.join("; ")}`);
    await page.context().close();
  });
}

// The text on the first screen: on a phone the first paragraph of the first article begins within the
// first 844 px (facts, reading options and contents are folded, one tap away); on a desktop all three
// stay open as the page's overview.
const SUMMITS = ["summit-20.html", "summit-21.html", "summit-24.html"];
for (const name of SUMMITS) {
  for (const size of ["s", "m", "l", "xl"]) {
    test(`${name} at 390 × 844, text size ${size.toUpperCase()}: the first paragraph begins on the first screen`, { timeout: 30_000 }, async () => {
      const page = await newPage(site.browser, site.server, PHONE);
      await page.addInitScript((s) => localStorage.setItem("summit-reader:settings", JSON.stringify({ size: s })), size);
      await open(page, site.server, name);
      const top = await page.locator("#a1-p1").evaluate((el) => el.getBoundingClientRect().top + scrollY);
      assert.ok(top < 844, `${name}: the first paragraph begins ${Math.round(top)} px from the top`);
      const folded = await page.$$eval(".sr-bar details", (ds) => ds.map((d) => d.open));
      assert.deepEqual(folded, [false, false, false], "facts, options and contents are folded on a phone");
      await page.locator(".sr-settings > summary").tap();
      assert.ok(await page.locator('.sr-settings input[value="xl"]').isVisible(), "one tap opens the reading options");
      await page.context().close();
    });
  }
  test(`${name} at 1280 px keeps the overview: facts, reading options and contents open`, { timeout: 30_000 }, async () => {
    const page = await newPage(site.browser, site.server, { viewport: { width: 1280, height: 900 } });
    await open(page, site.server, name);
    assert.deepEqual(await page.$$eval(".sr-bar details", (ds) => ds.map((d) => d.open)), [true, true, true]);
    assert.ok(await page.locator(".sr-meta").isVisible() && await page.locator(".sr-articles").isVisible());
    await page.context().close();
  });
}

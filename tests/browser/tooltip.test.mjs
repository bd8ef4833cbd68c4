// Glossary tooltips on a summit page: hover, keyboard, touch, and placement at phone width.
import { after, describe, test } from "node:test";
import assert from "node:assert/strict";
import { isShown, newPage, open, useSite } from "./helpers.mjs";

const PAGE = "summit-21.html";
const TERM = 'span.term[data-term="shanghai-spirit"]'; // first occurrence of 上海精神
const ENGLISH = "the Shanghai Spirit";

const site = useSite();

/** The first occurrence of the term and its tooltip (found through aria-describedby). */
async function termAndTip(page) {
  const term = page.locator(TERM).first();
  const tipId = await term.getAttribute("aria-describedby");
  assert.ok(tipId, "the term names its tooltip in aria-describedby");
  const tip = page.locator(`[id="${tipId}"]`);
  assert.equal(await tip.getAttribute("role"), "tooltip");
  return { term, tip, tipId };
}

const hiddenById = (page, id) => page.waitForFunction((tid) => document.getElementById(tid).hidden, id, { timeout: 3000 });

describe("tooltip on a desktop page (1280 px)", { timeout: 60_000 }, () => {
  test("hidden until asked for", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const { tip } = await termAndTip(page);
    assert.equal(await isShown(tip), false);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.external, [], "the page requests nothing outside the site");
    await page.context().close();
  });

  test("hover shows the English, mouse-out hides it", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const { term, tip, tipId } = await termAndTip(page);
    await term.hover();
    assert.equal(await isShown(tip), true, "tooltip shown on hover");
    assert.match(await tip.innerText(), new RegExp(ENGLISH));
    assert.match(await tip.innerText(), /上海精神/);
    assert.match(await tip.innerText(), /Shànghǎi Jīngshén/);
    // Leave the term for an empty corner of the page: the tooltip closes (after a short delay).
    await page.mouse.move(2, 450, { steps: 5 });
    await hiddenById(page, tipId);
    assert.equal(await isShown(tip), false, "tooltip hidden after mouse-out");
    await page.context().close();
  });

  test("keyboard: Tab reaches the term and shows the tooltip; Escape hides it and keeps focus", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const { term, tip } = await termAndTip(page);
    const termId = await term.getAttribute("id");
    assert.equal(await term.getAttribute("tabindex"), "0");
    // Start at the top of the document and Tab forward, as a keyboard user would.
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    let presses = 0;
    while ((await page.evaluate(() => document.activeElement && document.activeElement.id)) !== termId) {
      await page.keyboard.press("Tab");
      presses += 1;
      assert.ok(presses < 600, `Tab did not reach #${termId} in 600 presses`);
    }
    assert.equal(await isShown(tip), true, `tooltip shown on keyboard focus (after ${presses} Tab presses)`);
    assert.match(await tip.innerText(), new RegExp(ENGLISH));
    await page.keyboard.press("Escape");
    assert.equal(await isShown(tip), false, "Escape hides the tooltip");
    assert.equal(await page.evaluate(() => document.activeElement.id), termId, "focus stays on the term");
    // Tab onwards: the next term takes over and this tooltip stays closed.
    await page.keyboard.press("Tab");
    assert.equal(await isShown(tip), false);
    await page.context().close();
  });
});

describe("tooltip on a phone (390 × 844, touch)", { timeout: 120_000 }, () => {
  const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

  function inside(box, vw, vh) {
    return box && box.x >= 0 && box.y >= 0 && box.x + box.width <= vw && box.y + box.height <= vh;
  }

  test("tap shows the tooltip inside the viewport; tapping elsewhere hides it", async () => {
    const page = await newPage(site.browser, site.server, PHONE);
    await open(page, site.server, PAGE);
    const { term, tip, tipId } = await termAndTip(page);
    await term.scrollIntoViewIfNeeded();
    await term.tap();
    assert.equal(await isShown(tip), true, "tooltip shown on tap");
    assert.match(await tip.innerText(), new RegExp(ENGLISH));
    const box = await tip.boundingBox();
    assert.ok(inside(box, 390, 844), `tooltip box ${JSON.stringify(box)} is inside the 390 × 844 viewport`);
    // Tap on text that is not a term (the article's "Report" label).
    const elsewhere = page.locator("p.sr-kind").first();
    await elsewhere.scrollIntoViewIfNeeded();
    await elsewhere.tap();
    await hiddenById(page, tipId);
    assert.equal(await isShown(tip), false, "tooltip hidden after tapping elsewhere");
    await page.context().close();
  });

  test("the tooltips of the first 40 terms fit inside the viewport at 390 px (mid-screen and at the bottom edge)", async () => {
    const page = await newPage(site.browser, site.server, PHONE);
    await open(page, site.server, PAGE);
    const terms = page.locator(".sr-page span.term");
    const n = Math.min(40, await terms.count());
    const outside = [];
    for (let i = 0; i < n; i++) {
      const term = terms.nth(i);
      await page.keyboard.press("Escape"); // close the previous bubble: it may cover this term
      // Tap the middle of the term's first line box (a term may wrap onto two lines); every
      // other term sits at the bottom edge of the screen, where the tooltip must open upwards.
      const at = await term.evaluate((el, block) => {
        el.scrollIntoView({ block });
        const r = el.getClientRects()[0];
        const x = r.x + r.width / 2, y = r.y + r.height / 2;
        return { x, y, hit: el.contains(document.elementFromPoint(x, y)) };
      }, i % 2 ? "end" : "center");
      assert.ok(at.hit, `term ${i} is not covered at the tap point`);
      await page.touchscreen.tap(at.x, at.y);
      const tip = page.locator(`[id="${await term.getAttribute("aria-describedby")}"]`);
      assert.equal(await isShown(tip), true, `tooltip of term ${i} shown`);
      const box = await tip.boundingBox();
      if (!inside(box, 390, 844)) outside.push({ term: await term.getAttribute("id"), box });
    }
    assert.deepEqual(outside, [], "tooltips outside the viewport");
    await page.context().close();
  });
});

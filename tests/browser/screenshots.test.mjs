// Screenshots of a summit page at desktop (1280 px) and phone (390 px) width: the first screen (the text
// on a phone's first screen; the overview on a desktop), a word popup open, a glossary tooltip open, the
// English side by side (1280) and below (390), the dark scheme (390); and a glossary term page (390, 1280).
// They go to tests/browser/test-results/ (git-ignored) on every run, and also to docs/screenshots/ (the
// committed ones) with UPDATE_SCREENSHOTS=1 (`npm run screenshots`), so test runs leave the tree clean.
// Each test checks that what the picture is meant to show is on screen; a picture that fails its check
// stays in test-results/ (to look at) and never replaces the committed one.
import { before, test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { PHONE, ROOT, SCREENSHOTS, inside, newPage, open, wordLocator, useSite } from "./helpers.mjs";

const RESULTS = path.join(ROOT, "tests", "browser", "test-results");
const UPDATE = Boolean(process.env.UPDATE_SCREENSHOTS);

const PAGE = "summit-21.html";
const TERM = 'span.term[data-term="shanghai-spirit"]';
const DESKTOP = { viewport: { width: 1280, height: 800 } };

const site = useSite();
before(async () => {
  mkdirSync(RESULTS, { recursive: true });
  if (UPDATE) mkdirSync(SCREENSHOTS, { recursive: true });
});

/** Take the picture into test-results/, run `check`, then (UPDATE_SCREENSHOTS=1) copy it to docs/screenshots/. */
async function shoot(page, name, check) {
  const file = path.join(RESULTS, name);
  await page.screenshot({ path: file });
  await check();
  if (UPDATE) copyFileSync(file, path.join(SCREENSHOTS, name));
}

/** Scroll in one jump down from the top (so Material's "Back to top" button stays away) to put the element in
 *  the middle of the screen ("center") or just under the header ("start"). */
async function scrollTo(page, locator, block) {
  await locator.evaluate((el, b) => {
    const r = el.getBoundingClientRect();
    const y = b === "center" ? r.top + scrollY - innerHeight / 2 + r.height / 2 : r.top + scrollY - 80;
    window.scrollTo(0, Math.max(0, y));
  }, block);
  await page.waitForTimeout(100);
}

test("screenshot at 1280 px with a tooltip open (hover)", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, DESKTOP);
  await open(page, site.server, PAGE);
  await scrollTo(page, page.locator(TERM).first(), "center");
  await page.locator(TERM).first().hover();
  const tip = page.locator("#tip-shanghai-spirit");
  await assert.doesNotReject(tip.waitFor({ state: "visible", timeout: 3000 }));
  await shoot(page, "summit-21-tooltip-1280.png", async () => assert.ok(inside(await tip.boundingBox(), 1280, 800), "tooltip on screen"));
  await page.context().close();
});

test("screenshot at 390 px with a tooltip open (tap)", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, PHONE);
  await open(page, site.server, PAGE);
  await scrollTo(page, page.locator(TERM).first(), "center");
  await page.locator(TERM).first().tap();
  const tip = page.locator("#tip-shanghai-spirit");
  await assert.doesNotReject(tip.waitFor({ state: "visible", timeout: 3000 }));
  await shoot(page, "summit-21-tooltip-390.png", async () => assert.ok(inside(await tip.boundingBox(), 390, 844), "tooltip on screen"));
  await page.context().close();
});

/** Open the popup of the first ordinary 合作 (scrolled to the middle) by click or tap; wait for its data. */
async function openPopup(page, how) {
  const word = await wordLocator(page, "合作");
  await scrollTo(page, word, "center");
  await word[how]();
  const popup = page.locator(".sr-popup");
  await popup.waitFor({ state: "visible", timeout: 3000 });
  await page.waitForFunction(() => !/Loading…/.test(document.querySelector(".sr-popup").textContent), null, { timeout: 5000 });
  assert.match(await popup.innerText(), /to cooperate/);
  return popup;
}

test("screenshot at 1280 px with a word popup open (click)", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, DESKTOP);
  await open(page, site.server, PAGE);
  const popup = await openPopup(page, "click");
  await page.mouse.move(2, 790); // no hover effect under the pointer
  await shoot(page, "summit-21-popup-1280.png", async () => assert.ok(inside(await popup.boundingBox(), 1280, 800), "popup on screen"));
  await page.context().close();
});

test("screenshot at 390 px with a word popup open (tap)", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, PHONE);
  await open(page, site.server, PAGE);
  const popup = await openPopup(page, "tap");
  await shoot(page, "summit-21-popup-390.png", async () => assert.ok(inside(await popup.boundingBox(), 390, 844), "popup on screen"));
  await page.context().close();
});

/** A page with English in `mode` (saved as the reader's setting), scrolled to the first report paragraph. */
async function englishPage(options, mode) {
  const page = await newPage(site.browser, site.server, options);
  await page.addInitScript((m) => localStorage.setItem("summit-reader:settings", JSON.stringify({ translation: m })), mode);
  await open(page, site.server, PAGE);
  await scrollTo(page, page.locator("#a1-article > p.sr-kind"), "start");
  return page;
}

test("screenshot at 1280 px with the English side by side", { timeout: 60_000 }, async () => {
  const page = await englishPage(DESKTOP, "side");
  await shoot(page, "summit-21-english-side-1280.png", async () => {
    const [zh, en] = [await page.locator("#a1-p1").boundingBox(), await page.locator("#a1-p1 + p.en").boundingBox()];
    assert.ok(en.x >= zh.x + zh.width - 1 && en.y < zh.y + zh.height, "the English is right of the Chinese");
    assert.ok(inside(en, 1280, 800), `the English beside the first paragraph is on screen: ${JSON.stringify(en)}`);
  });
  await page.context().close();
});

test("screenshot at 390 px with the English below", { timeout: 60_000 }, async () => {
  const page = await englishPage(PHONE, "below");
  await shoot(page, "summit-21-english-below-390.png", async () => {
    const [zh, en] = [await page.locator("#a1-p1").boundingBox(), await page.locator("#a1-p1 + p.en").boundingBox()];
    assert.ok(en.y >= zh.y + zh.height - 1, "the English is below the Chinese");
  });
  await page.context().close();
});

test("screenshot at 390 px of the first screen: the text begins on it", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, PHONE);
  await open(page, site.server, PAGE);
  await shoot(page, "summit-21-first-screen-390.png", async () => {
    const top = await page.locator("#a1-p1").evaluate((el) => el.getBoundingClientRect().top);
    assert.ok(top < 844 - 60, `the first paragraph begins on the first screen (${Math.round(top)} px)`);
  });
  await page.context().close();
});

test("screenshot at 1280 px of the first screen: the overview (facts, options, contents)", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, DESKTOP);
  await open(page, site.server, PAGE);
  await shoot(page, "summit-21-overview-1280.png", async () => {
    assert.ok(await page.locator(".sr-meta").isVisible() && await page.locator(".sr-controls").isVisible());
  });
  await page.context().close();
});

test("screenshot at 390 px in the dark scheme, a word popup open", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, PHONE);
  await page.emulateMedia({ colorScheme: "dark" });
  await open(page, site.server, PAGE);
  const popup = await openPopup(page, "tap");
  await shoot(page, "summit-21-dark-390.png", async () => {
    assert.equal(await page.evaluate(() => document.body.getAttribute("data-md-color-scheme")), "slate");
    assert.ok(inside(await popup.boundingBox(), 390, 844), "popup on screen");
  });
  await page.context().close();
});

for (const [width, options] of [[390, PHONE], [1280, DESKTOP]]) {
  test(`screenshot at ${width} px of a glossary term page`, { timeout: 60_000 }, async () => {
    const page = await newPage(site.browser, site.server, options);
    await open(page, site.server, "glossary/shanghai-spirit.html");
    await shoot(page, `glossary-term-${width}.png`, async () => {
      assert.match(await page.locator(".sr-term-page h1").innerText(), /上海精神/);
    });
    await page.context().close();
  });
}

// Screenshots of a summit page with a tooltip open, at desktop (1280 px) and phone (390 px) width.
// They go to tests/browser/test-results/ (git-ignored) on every run, and to docs/screenshots/ (the
// committed ones) with UPDATE_SCREENSHOTS=1 (`npm run screenshots`), so test runs leave the tree clean.
// The test checks the tooltip is open when the picture is taken.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import path from "node:path";
import { ROOT, SCREENSHOTS, launch, newPage, open, serve } from "./helpers.mjs";

const OUT = process.env.UPDATE_SCREENSHOTS ? SCREENSHOTS : path.join(ROOT, "tests", "browser", "test-results");

const PAGE = "summit-21.html";
const TERM = 'span.term[data-term="shanghai-spirit"]';

let server, browser;
before(async () => {
  server = await serve();
  browser = await launch();
  mkdirSync(OUT, { recursive: true });
});
after(async () => {
  await browser?.close();
  await server?.close();
});

async function scrollTermToMiddle(page) {
  await page.locator(TERM).first().evaluate((el) => el.scrollIntoView({ block: "center" }));
}

test("screenshot at 1280 px with a tooltip open (hover)", { timeout: 60_000 }, async () => {
  const page = await newPage(browser, server, { viewport: { width: 1280, height: 800 } });
  await open(page, server, PAGE);
  await scrollTermToMiddle(page);
  await page.locator(TERM).first().hover();
  await assert.doesNotReject(page.locator("#tip-shanghai-spirit").waitFor({ state: "visible", timeout: 3000 }));
  const file = path.join(OUT, "summit-21-tooltip-1280.png");
  await page.screenshot({ path: file });
  await page.context().close();
});

test("screenshot at 390 px with a tooltip open (tap)", { timeout: 60_000 }, async () => {
  const page = await newPage(browser, server, { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 });
  await open(page, server, PAGE);
  await scrollTermToMiddle(page);
  await page.locator(TERM).first().tap();
  await assert.doesNotReject(page.locator("#tip-shanghai-spirit").waitFor({ state: "visible", timeout: 3000 }));
  const file = path.join(OUT, "summit-21-tooltip-390.png");
  await page.screenshot({ path: file });
  await page.context().close();
});

// Copying annotated text gives the Chinese only: the pinyin (rt) and ruby parentheses (rp) stay out.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, open, useSite } from "./helpers.mjs";

const TONE_MARKED = /[āáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/;

const site = useSite();

/** Select the contents of `selector` like a reader would and return what the selection holds. */
function selectAndRead(selector) {
  const el = document.querySelector(selector);
  const range = document.createRange();
  range.selectNodeContents(el);
  const selection = window.getSelection();
  selection.removeAllRanges();
  selection.addRange(range);
  const copied = selection.toString();
  const clone = el.cloneNode(true);
  clone.querySelectorAll("rt, rp").forEach((n) => n.remove());
  return { copied, expected: clone.textContent, ruby: el.querySelectorAll("ruby").length };
}

test("copying a paragraph gives its Chinese without pinyin", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await open(page, site.server, "summit-21.html");
  const ids = await page.$$eval(".sr-page p.zh[id]", (ps) => ps.slice(0, 8).map((p) => p.id));
  assert.ok(ids.length >= 5, "the summit page has annotated paragraphs");
  for (const id of ids) {
    const { copied, expected, ruby } = await page.evaluate(selectAndRead, `[id="${id}"]`);
    assert.ok(ruby > 0, `#${id} is annotated`);
    assert.ok(!TONE_MARKED.test(copied), `#${id}: the copied text has no pinyin: ${copied.slice(0, 80)}`);
    assert.ok(!copied.includes("("), `#${id}: no ruby parentheses in the copied text`);
    assert.equal(copied.trim(), expected.trim(), `#${id}: copied text = paragraph text without rt/rp`);
  }
  await page.context().close();
});

test("copying a heading and a paragraph with a glossary term gives clean Chinese", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await open(page, site.server, "summit-21.html");
  const heading = await page.evaluate(selectAndRead, "h2#a1");
  assert.ok(!TONE_MARKED.test(heading.copied), heading.copied);
  assert.equal(heading.copied.trim(), heading.expected.trim());
  const termParagraph = await page.$eval('span.term[data-term="shanghai-spirit"]', (t) => t.closest("p").id);
  const para = await page.evaluate(selectAndRead, `[id="${termParagraph}"]`);
  assert.match(para.copied, /上海精神/);
  assert.ok(!/Shànghǎi/.test(para.copied));
  assert.equal(para.copied.trim(), para.expected.trim());
  await page.context().close();
});

test("the real clipboard (Ctrl+C) receives the Chinese without pinyin", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await page.context().grantPermissions(["clipboard-read", "clipboard-write"], { origin: site.server.url.slice(0, -1) });
  await open(page, site.server, "summit-21.html");
  const { expected } = await page.evaluate(selectAndRead, "#a1-p1");
  await page.keyboard.press("Control+C");
  const clip = await page.evaluate(() => navigator.clipboard.readText());
  assert.ok(!TONE_MARKED.test(clip), `clipboard has pinyin: ${clip.slice(0, 80)}`);
  assert.equal(clip.trim(), expected.trim());
  await page.context().close();
});

// Line breaking by the rules of Chinese typesetting (W3C clreq 禁则) at 390 × 844, over the Chinese text
// (headings and paragraphs) of every summit page: no line starts with closing punctuation, none ends with
// opening punctuation, no number is cut from the character after it, no word that fits a line breaks
// inside. In every pinyin mode (all, unknown words only, terms, off) and text size (S–XL), with the English
// hidden or below; and with the English side by side at 1280 px (the only width that offers it). For the
// unknown-words mode the reader knows the page's words of HSK 1–3 (about one word in seven), so lines mix
// words with and without pinyin.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import { PHONE, SITE, newPage, open, useSite, wordData } from "./helpers.mjs";
import { breakFaults, characterBoxes, lines, raggedGaps } from "./typeset.mjs";

const site = useSite();
const SUMMITS = readdirSync(SITE).filter((n) => /^summit-\d+\.html$/.test(n)).sort();
const BLOCKS = ".sr-summit p.zh, .sr-summit .sr-article h2";
const PINYIN = ["all", "unknown", "terms", "off"];

/** Mark the page's words of HSK 1–3 known (localStorage, as words.js keeps them) before it loads. */
async function knowHsk1to3(page, name) {
  const data = wordData(name.replace(/\.html$/, ""));
  const words = Object.keys(data).filter((w) => data[w].h != null && data[w].h <= 3);
  await page.addInitScript((w) => localStorage.setItem("summit-reader:known", JSON.stringify({ words: w })), words);
}

/** Every combination of settings to check at one width. */
function settingsAt(width) {
  if (width > 960) return PINYIN.map((pinyin) => ({ pinyin, size: "m", translation: "side" }));
  const out = [];
  for (const pinyin of PINYIN) {
    for (const size of ["s", "m", "l", "xl"]) out.push({ pinyin, size, translation: "below" });
    out.push({ pinyin, size: "m", translation: "hidden" });
  }
  return out;
}

for (const [width, options] of [[390, PHONE], [1280, { viewport: { width: 1280, height: 900 } }]]) {
  for (const name of SUMMITS) {
    test(`clreq line breaking on ${name} at ${width} px: every pinyin mode${width < 960 ? ", text size and English hidden/below" : ", English side by side"}`, { timeout: 180_000 }, async () => {
      const page = await newPage(site.browser, site.server, options);
      await knowHsk1to3(page, name);
      await open(page, site.server, name);
      assert.ok(await page.locator(".sr-summit ruby.sr-known").count() > 100, `${name}: words marked known`);
      // Lay out every paragraph, as scrolling through the page would (off-screen ones skip layout).
      await page.addStyleTag({ content: ".sr-summit .sr-pair { content-visibility: visible !important; }" });
      const problems = [];
      for (const settings of settingsAt(width)) {
        await page.evaluate((s) => { for (const [k, v] of Object.entries(s)) document.documentElement.setAttribute(`data-sr-${k}`, v); }, settings);
        const boxes = await page.evaluate(characterBoxes, { selector: BLOCKS, every: false });
        assert.ok(boxes.length > 1000, `${name}: Chinese text measured (${boxes.length} characters)`);
        const found = breakFaults(lines(boxes));
        for (const [kind, list] of Object.entries(found)) problems.push(...list.map((f) => `${JSON.stringify(settings)} ${kind}: ${f}`));
      }
      assert.deepEqual(problems, [], `${name} at ${width} px: ${problems.length} line-breaking faults`);
      await page.context().close();
    });
  }
}

// Even spacing (docs/typesetting.md): with pinyin on every word, fewer than 3 % of adjacent Han characters
// have more than half a character of extra space between them (7.1 % with the old system-ui pinyin); the
// same bound with pinyin over unknown words only (HSK 1–3 known), where words with and without pinyin mix.
for (const mode of ["all", "unknown"]) {
  test(`even spacing at 390 px, pinyin ${mode}: under 3 % of adjacent Han characters are pushed apart by their pinyin`, { timeout: 180_000 }, async () => {
    let pairs = 0, ragged = 0;
    for (const name of SUMMITS) {
      const page = await newPage(site.browser, site.server, PHONE);
      if (mode === "unknown") await knowHsk1to3(page, name);
      await page.addInitScript((m) => localStorage.setItem("summit-reader:settings", JSON.stringify({ pinyin: m })), mode);
      await open(page, site.server, name);
      await page.addStyleTag({ content: ".sr-summit .sr-pair { content-visibility: visible !important; }" });
      const found = raggedGaps(lines(await page.evaluate(characterBoxes, { selector: BLOCKS })));
      pairs += found.pairs;
      ragged += found.ragged;
      await page.context().close();
    }
    assert.ok(pairs > 5000, `measured ${pairs} pairs`);
    assert.ok(ragged / pairs < 0.03, `${ragged} of ${pairs} pairs (${(100 * ragged / pairs).toFixed(1)} %) are pushed apart`);
  });
}

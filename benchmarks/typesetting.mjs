// How evenly the Chinese line is set with ruby: the share of adjacent Han characters with more than half a
// character of extra space between them (tests/browser/typeset.mjs, raggedGaps), with pinyin on every
// word, at 390 px (a phone) and 1280 px, over every summit page, for each way of setting the pinyin.
//
//   .venv/bin/python -m builder build && node benchmarks/typesetting.mjs [--site site]
//
// Each option is the built page with a little CSS (or a DOM change) on top, so all are measured on the same
// text, fonts and browser: the numbers compare options, they are not a property of one font. See
// docs/typesetting.md for the choice made from them.
import { readdirSync } from "node:fs";
import { launch, newPage, open, serve, SITE } from "../tests/browser/helpers.mjs";
import { characterBoxes, lines, raggedGaps } from "../tests/browser/typeset.mjs";

const RT = ".sr-page rt";
const OPTIONS = {
  "word-level ruby (before: 0.6 em system-ui, 0.2 em padding)": { css: `${RT} { font-size: 0.6em; padding: 0 0.2em; font-family: system-ui, sans-serif; }` },
  "word-level, no padding": { css: `${RT} { font-size: 0.6em; padding: 0; font-family: system-ui, sans-serif; }` },
  "word-level, 0.5 em pinyin": { css: `${RT} { font-size: 0.5em; padding: 0 0.2em; font-family: system-ui, sans-serif; }` },
  "word-level, letter-spacing -0.03 em": { css: `${RT} { font-size: 0.6em; padding: 0 0.2em; letter-spacing: -0.03em; font-family: system-ui, sans-serif; }` },
  "word-level, the CJK font's own Latin (Source Sans)": { css: `${RT} { font-size: 0.6em; padding: 0 0.2em; font-family: inherit; }` },
  "word-level, CJK font's Latin, 0.1 em padding": { css: `${RT} { font-size: 0.6em; padding: 0 0.1em; font-family: inherit; }` },
  "word-level, CJK font's Latin, 0.1 em padding, 0.55 em": { css: `${RT} { font-size: 0.55em; padding: 0 0.1em; font-family: inherit; }` },
  "per character within a word (before's type)": { css: `${RT} { font-size: 0.6em; padding: 0 0.2em; font-family: system-ui, sans-serif; }`, perCharacter: true },
  "per character, CJK font's Latin, 0.1 em padding": { css: `${RT} { font-size: 0.6em; padding: 0 0.1em; font-family: inherit; }`, perCharacter: true },
  "as built (templates/assets/reader.css)": { css: "" },
};

/** Split each word's ruby into one ruby per character when its reading splits into one syllable each. */
function perCharacter() {
  const SYL = /(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])?[aeiouüvāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]+(?:ng(?![aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])|n(?![aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ])|r(?![aeiouüāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]))?/gi;
  for (const ruby of document.querySelectorAll(".sr-summit ruby")) {
    const base = [...ruby.childNodes].filter((n) => n.nodeType === 3).map((n) => n.data).join("");
    const rt = ruby.querySelector("rt");
    const syllables = (rt.textContent.match(SYL) || []);
    if ([...base].length < 2 || syllables.length !== [...base].length) continue;
    const frag = document.createDocumentFragment();
    [...base].forEach((ch, i) => {
      const r = document.createElement("ruby");
      r.append(ch);
      const t = document.createElement("rt");
      t.textContent = syllables[i];
      r.append(t);
      frag.append(r);
    });
    ruby.replaceWith(frag);
  }
}

const pages = readdirSync(SITE).filter((n) => /^summit-\d+\.html$/.test(n)).sort();
const server = await serve();
const browser = await launch();
console.log(`| setting of the pinyin | ragged at 390 px | ragged at 1280 px |\n|---|---|---|`);
for (const [label, option] of Object.entries(OPTIONS)) {
  const cells = [];
  for (const width of [390, 1280]) {
    let pairs = 0, ragged = 0;
    for (const name of pages) {
      const page = await newPage(browser, server, { viewport: { width, height: 900 } });
      await page.addInitScript(() => localStorage.setItem("summit-reader:settings", JSON.stringify({ pinyin: "all", translation: "below" })));
      await open(page, server, name);
      await page.addStyleTag({ content: `.sr-summit .sr-pair { content-visibility: visible !important; } ${option.css}` });
      if (option.perCharacter) await page.evaluate(perCharacter);
      const found = raggedGaps(lines(await page.evaluate(characterBoxes, { selector: ".sr-summit p.zh, .sr-summit .sr-article h2" })));
      pairs += found.pairs;
      ragged += found.ragged;
      await page.context().close();
    }
    cells.push(`${(100 * ragged / pairs).toFixed(1)} % (${ragged} of ${pairs})`);
  }
  console.log(`| ${label} | ${cells.join(" | ")} |`);
}
await browser.close();
await server.close();

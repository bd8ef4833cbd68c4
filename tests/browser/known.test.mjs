// Known words (issue 10, item 3), in Chromium at 390 and 1280 px. A word marked known (from its popup or
// with K on the word cursor) loses its pinyin in the "unknown words" mode and keeps it in the others; the
// page's "you know N % (M of K distinct words)" follows; the list survives a reload and a move to another
// summit page (a link in the left navigation or the phone's drawer: a full page load); "HSK 1"
// marks exactly the page's words of level 1 (counted here from the page's word data) and carries over to
// the next page; an exported list imported in a fresh profile restores it. Keyboard only where a reader
// may use the keyboard; axe clean with the tools and a popup open. Screenshots: known-390.png,
// known-1280.png (UPDATE_SCREENSHOTS=1 copies them to docs/screenshots/).
import { describe, test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { PHONE, newPage, open, tabUntil, wordData, wordLocator, useSite } from "./helpers.mjs";
import { axeBlocking, shoot } from "./study.mjs";

const site = useSite();
const PAGE = "summit-21.html", NEXT = "summit-24.html";
const WORD = "合作";
const DESKTOP = { viewport: { width: 1280, height: 800 } };
const SIZES = [[390, PHONE], [1280, DESKTOP]];
const KEY = "summit-reader:known";

/** The distinct ordinary words of a page (the keys of its word data, built by builder/site/words.py). */
const pageWords = (name) => Object.keys(wordData(name.replace(/\.html$/, "")));

/** What the page says and shows: the status numbers, and for `word` how many of its rubies show pinyin. */
function look(page, word) {
  return page.evaluate((w) => {
    const status = document.querySelector(".sr-known-status").textContent;
    const m = status.match(/You know (\d+) % of the words on this page \(([\d,]+) of ([\d,]+) distinct words; glossary terms not counted\)/);
    const text = (r) => [...r.childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join("");
    const rubies = [...document.querySelectorAll(".sr-summit p.zh ruby, .sr-summit h2 ruby")];
    const words = rubies.filter((r) => !r.closest(".term"));
    const shown = (r) => getComputedStyle(r.querySelector("rt")).display !== "none";
    const stored = JSON.parse(localStorage.getItem("summit-reader:known") || "{}");
    return {
      status,
      percent: m && Number(m[1]), known: m && Number(m[2].replace(/,/g, "")), distinct: m && Number(m[3].replace(/,/g, "")),
      wordShown: words.filter((r) => text(r) === w && shown(r)).length,
      wordAll: words.filter((r) => text(r) === w).length,
      otherShown: words.filter((r) => text(r) !== w && shown(r)).length,
      otherAll: words.filter((r) => text(r) !== w).length,
      termsShown: rubies.filter((r) => r.closest(".term") && shown(r)).length,
      terms: rubies.filter((r) => r.closest(".term")).length,
      stored: stored.words || [],
      hsk: stored.hsk || 0,
    };
  }, word);
}

/** Open the reading options where they are folded (a phone), by a click or tap. */
async function openOptions(page) {
  const open = await page.locator(".sr-settings").evaluate((d) => d.open);
  if (!open) await page.locator(".sr-settings > summary").click();
}

async function choosePinyin(page, value) {
  await openOptions(page);
  await page.locator(`input[data-sr-setting="pinyin"][value="${value}"]`).click();
}

/** Open a word's popup by click/tap and wait for its data. */
async function popupOf(page, locator, how) {
  await locator.scrollIntoViewIfNeeded();
  await locator[how]();
  await page.locator(".sr-popup").waitFor({ state: "visible" });
  await page.waitForFunction(() => !/Loading…/.test(document.querySelector(".sr-popup").textContent));
  return page.locator(".sr-popup");
}

for (const [width, options] of SIZES) {
  const how = width < 600 ? "tap" : "click";

  describe(`known words at ${width} px`, { timeout: 240_000 }, () => {
    test("marked from the popup: no pinyin in the unknown-words mode, the percentage changes, a reload keeps it", async () => {
      const page = await newPage(site.browser, site.server, options);
      await open(page, site.server, PAGE);
      let s = await look(page, WORD);
      const distinct = pageWords(PAGE).length;
      assert.equal(s.distinct, distinct, `the page counts its distinct words as its word data does: ${s.status}`);
      assert.equal(s.known, 0);
      assert.equal(s.percent, 0);
      assert.ok(s.wordAll > 2, `${WORD} occurs as an ordinary word`);

      const popup = await popupOf(page, await wordLocator(page, WORD), how);
      const button = popup.locator(".sr-known-btn");
      assert.equal(await button.getAttribute("aria-pressed"), "false");
      await button[how]();
      assert.equal(await button.getAttribute("aria-pressed"), "true", "the popup shows the word as known");
      s = await look(page, WORD);
      assert.equal(s.known, 1, s.status);
      assert.equal(s.percent, Math.max(1, Math.round(100 / distinct)));
      assert.deepEqual(s.stored, [WORD]);
      assert.equal(s.wordShown, s.wordAll, "all words: a known word keeps its pinyin");

      await page.keyboard.press("Escape");
      await choosePinyin(page, "unknown");
      s = await look(page, WORD);
      assert.equal(s.wordShown, 0, `unknown words only: no pinyin over ${WORD}`);
      assert.equal(s.otherShown, s.otherAll, "unknown words only: every other word keeps its pinyin");
      assert.equal(s.termsShown, s.terms, "glossary terms keep their pinyin");

      await page.reload({ waitUntil: "load" });
      s = await look(page, WORD);
      assert.equal(s.known, 1, `after a reload: ${s.status}`);
      assert.equal(s.wordShown, 0, "after a reload: still no pinyin over the known word");
      assert.equal(await page.locator('input[data-sr-setting="pinyin"][value="unknown"]').isChecked(), true);

      // unmark it again from its popup: the pinyin comes back
      await (await popupOf(page, await wordLocator(page, WORD, 1), how)).locator(".sr-known-btn")[how]();
      s = await look(page, WORD);
      assert.equal(s.known, 0);
      assert.equal(s.wordShown, s.wordAll);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });

    test("HSK 1 marks exactly the page's level-1 words, and the list and the rule carry to the next page", async () => {
      const page = await newPage(site.browser, site.server, options);
      await page.addInitScript(() => localStorage.setItem("summit-reader:settings", JSON.stringify({ pinyin: "unknown" })));
      await open(page, site.server, PAGE);
      const data = wordData("summit-21");
      const level1 = Object.keys(data).filter((w) => data[w].h === 1);
      assert.ok(level1.length > 20);
      await openOptions(page);
      await page.locator("#sr-hsk-level").selectOption("1");
      await page.locator('button[data-sr-known="mark-hsk"]').click();
      await page.waitForFunction((n) => (JSON.parse(localStorage.getItem("summit-reader:known") || "{}").words || []).length === n, level1.length);
      let s = await look(page, WORD);
      assert.deepEqual(new Set(s.stored), new Set(level1));
      assert.equal(s.known, level1.length, s.status);
      assert.equal(s.hsk, 1);

      // to the next summit page by the page's own link to it (the site nav lists no summit pages): a full page load
      await page.locator(`.sr-sequence a[rel="next"][href$="${NEXT}"]`).first()[how]();
      await page.waitForURL(new RegExp(`${NEXT}$`));
      await page.waitForFunction((p) => document.querySelector(".sr-page")?.dataset.page === p && document.querySelector(".sr-known-status")?.textContent, NEXT.replace(".html", ""));
      const next = wordData("summit-24");
      const nextLevel1 = Object.keys(next).filter((w) => next[w].h === 1);
      // the standing rule adds the next page's own level-1 words once its word data has loaded
      await page.waitForFunction((words) => {
        const stored = new Set(JSON.parse(localStorage.getItem("summit-reader:known") || "{}").words || []);
        return words.every((w) => stored.has(w));
      }, nextLevel1);
      s = await look(page, "");
      const expected = new Set([...level1, ...nextLevel1].filter((w) => w in next));
      assert.equal(s.known, expected.size, `on ${NEXT}: ${s.status}`);
      assert.equal(s.distinct, pageWords(NEXT).length);
      const hidden = await page.evaluate(() => [...document.querySelectorAll(".sr-summit p.zh ruby.sr-known rt")].filter((rt) => getComputedStyle(rt).display !== "none").length);
      assert.equal(hidden, 0, `on ${NEXT}: known words show no pinyin in the unknown-words mode`);
      assert.deepEqual(page.errors, []);
      await page.context().close();
    });

    test("keyboard only: K on the word cursor, the popup's button, HSK level, export; import in a fresh profile restores the list", async () => {
      const page = await newPage(site.browser, site.server, options);
      await open(page, site.server, PAGE);
      // the word cursor: Tab to the first paragraph, move to its first ordinary word, K marks it
      await tabUntil(page, () => document.activeElement?.id === "a1-p1");
      await page.keyboard.press("Home");
      while (await page.evaluate(() => document.querySelector("#a1-p1 .is-current")?.closest(".term") !== null)) await page.keyboard.press("ArrowRight");
      const word = await page.evaluate(() => [...document.querySelector("#a1-p1 .is-current").childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join(""));
      await page.keyboard.press("k");
      let s = await look(page, word);
      assert.equal(s.known, 1, `K marks ${word} known: ${s.status}`);
      await page.keyboard.press("k");
      assert.equal((await look(page, word)).known, 0, "K again unmarks it");
      await page.keyboard.press("k");
      // the popup's button: Enter opens it (focus on its close button), Shift+Tab reaches the button
      await page.keyboard.press("Enter");
      await page.locator(".sr-popup").waitFor({ state: "visible" });
      await page.keyboard.press("Shift+Tab");
      assert.ok(await page.evaluate(() => document.activeElement.classList.contains("sr-known-btn")), "Shift+Tab from the close button reaches the button");
      assert.equal(await page.evaluate(() => document.activeElement.getAttribute("aria-pressed")), "true");
      await page.keyboard.press("Space");
      assert.equal((await look(page, word)).known, 0, "the popup's button unmarks it");
      await page.keyboard.press("Space");
      assert.equal((await look(page, word)).known, 1, "and marks it again");
      await page.keyboard.press("Escape");
      await page.keyboard.press("Escape");

      // the tools, from the top of the reloaded page: open the reading options (folded on a phone), HSK 1, Mark known, Export
      await page.reload({ waitUntil: "load" });
      assert.equal((await look(page, word)).known, 1, "the reload keeps it");
      if (!(await page.locator(".sr-settings").evaluate((d) => d.open))) {
        await tabUntil(page, () => document.activeElement?.matches(".sr-settings > summary"));
        await page.keyboard.press("Enter");
      }
      await tabUntil(page, () => document.activeElement?.id === "sr-hsk-level");
      await page.keyboard.press("Home");
      assert.equal(await page.locator("#sr-hsk-level").inputValue(), "1");
      await tabUntil(page, () => document.activeElement?.getAttribute("data-sr-known") === "mark-hsk");
      await page.keyboard.press("Enter");
      const data = wordData("summit-21");
      const expected = new Set([word, ...Object.keys(data).filter((w) => data[w].h === 1)]);
      await page.waitForFunction((n) => (JSON.parse(localStorage.getItem("summit-reader:known") || "{}").words || []).length === n, expected.size);
      s = await look(page, word);
      assert.equal(s.known, expected.size, s.status);
      await tabUntil(page, () => document.activeElement?.getAttribute("data-sr-known") === "export");
      const [download] = await Promise.all([page.waitForEvent("download"), page.keyboard.press("Enter")]);
      assert.equal(download.suggestedFilename(), "known-words.txt");
      const file = path.join(mkdtempSync(path.join(tmpdir(), "sr-known-")), "known-words.txt");
      await download.saveAs(file);  // the download itself goes with its browser context
      const text = readFileSync(file, "utf8");
      assert.deepEqual(new Set(text.split("\n").filter(Boolean)), expected, "one known word per line");
      assert.ok(text.endsWith("\n") && !text.startsWith("\uFEFF"));
      await page.context().close();

      // a fresh profile: nothing known; importing the file restores the list (keyboard: the file input)
      const fresh = await newPage(site.browser, site.server, options);
      await open(fresh, site.server, PAGE);
      assert.equal((await look(fresh, word)).known, 0, "a fresh profile knows nothing");
      if (!(await fresh.locator(".sr-settings").evaluate((d) => d.open))) {
        await tabUntil(fresh, () => document.activeElement?.matches(".sr-settings > summary"));
        await fresh.keyboard.press("Enter");
      }
      // listen first: Playwright turns on file-chooser interception asynchronously, and a key pressed
      // before that lands opens the (headless, invisible) native dialog instead
      const chosen = fresh.waitForEvent("filechooser");
      await tabUntil(fresh, () => document.activeElement?.getAttribute("data-sr-known") === "import");
      await fresh.keyboard.press("Space");
      const chooser = await chosen;
      await chooser.setFiles(file);
      await fresh.waitForFunction((n) => (JSON.parse(localStorage.getItem("summit-reader:known") || "{}").words || []).length === n, expected.size);
      s = await look(fresh, word);
      assert.equal(s.known, expected.size, `after the import: ${s.status}`);
      assert.deepEqual(new Set(s.stored), expected);
      assert.match(await fresh.locator(".sr-known-note").textContent(), new RegExp(`Imported ${expected.size} words \\(${expected.size} new\\)`));
      assert.deepEqual(fresh.errors, []);
      await fresh.context().close();
      rmSync(path.dirname(file), { recursive: true, force: true });
    });

    test("an imported list merges: other tools' columns and blank lines are read, nothing known is lost", async () => {
      const page = await newPage(site.browser, site.server, options);
      await page.addInitScript((k) => localStorage.setItem(k, JSON.stringify({ words: ["发展"] })), KEY);
      await open(page, site.server, PAGE);
      await openOptions(page);
      await page.locator('input[data-sr-known="import"]').setInputFiles({
        name: "pleco.txt", mimeType: "text/plain",
        buffer: Buffer.from("\uFEFF合作\thé zuò\tto cooperate\r\n\r\n  国家  \nword\n发展\n", "utf8"),
      });
      await page.waitForFunction(() => (JSON.parse(localStorage.getItem("summit-reader:known") || "{}").words || []).length === 3);
      const s = await look(page, WORD);
      assert.deepEqual(new Set(s.stored), new Set(["发展", "合作", "国家"]));
      assert.match(await page.locator(".sr-known-note").textContent(), /Imported 3 words \(2 new\)/);
      await page.context().close();
    });

    test("axe: the known-word tools and a popup with its button have no serious or critical violations (the whole page: a11y.test.mjs)", async () => {
      const page = await newPage(site.browser, site.server, options);
      await open(page, site.server, PAGE);
      await openOptions(page);
      assert.deepEqual(await axeBlocking(page, [".sr-settings"]), [], "with the reading options open");
      await popupOf(page, await wordLocator(page, WORD), how);
      assert.deepEqual(await axeBlocking(page, [".sr-settings", ".sr-popup"]), [], "with a word popup open");
      await page.context().close();
    });

    test(`screenshot: a page in the unknown-words mode with HSK 1–3 known (known-${width}.png)`, async () => {
      const page = await newPage(site.browser, site.server, options);
      const data = wordData("summit-21");
      const known = Object.keys(data).filter((w) => data[w].h != null && data[w].h <= 3);
      await page.addInitScript(([k, words]) => {
        localStorage.setItem(k, JSON.stringify({ words }));
        localStorage.setItem("summit-reader:settings", JSON.stringify({ pinyin: "unknown" }));
      }, [KEY, known]);
      await open(page, site.server, PAGE);
      // a phone shows the text; a desktop the known-word tools above the text (the contents folded away)
      if (width >= 600) await page.locator(".sr-toc > summary").click();
      const target = width < 600 ? "#a1-p1" : ".sr-known-tools";
      await page.locator(target).evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + scrollY - 70));
      await page.waitForTimeout(200);
      await shoot(page, `known-${width}.png`, async () => {
        const onScreen = await page.evaluate(() => {
          const inView = (el) => { const r = el.getBoundingClientRect(); return r.top >= 0 && r.bottom <= innerHeight; };
          const words = [...document.querySelectorAll(".sr-summit p.zh ruby")].filter((r) => !r.closest(".term") && inView(r));
          return { known: words.filter((r) => r.classList.contains("sr-known")).length, shown: words.filter((r) => getComputedStyle(r.querySelector("rt")).display !== "none").length };
        });
        assert.ok(onScreen.known > 5 && onScreen.shown > 5, `known words without and unknown words with pinyin on screen: ${JSON.stringify(onScreen)}`);
      });
      await page.context().close();
    });
  });
}

// The word popup (words.js): click on a desktop, tap on a phone, the keyboard word cursor; and the
// glossary terms, which keep their own tooltip instead of the popup.
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, inside, isShown, newPage, open, tabUntil, wordData, wordLocator, useSite } from "./helpers.mjs";

const PAGE = "summit-21.html";
const DATA = wordData("summit-21");

const site = useSite();

const popupOf = (page) => page.locator(".sr-popup");

/** Wait until the popup shows the word's data (the data script loads on the first popup). */
/** Scroll `locator` to the middle of the screen and tap it (a finger taps what it sees). */
async function tapCentred(locator) {
  await locator.evaluate((el) => el.scrollIntoView({ block: "center" }));
  await locator.tap();
}

async function popupLoaded(page) {
  const popup = popupOf(page);
  await popup.waitFor({ state: "visible", timeout: 3000 });
  await page.waitForFunction(() => !/Loading…/.test(document.querySelector(".sr-popup").textContent), null, { timeout: 5000 });
  return popup;
}

/** The reading in the ruby (what the popup heads with). */
const readingOf = (ruby) => ruby.evaluate((r) => r.querySelector("rt").getAttribute("data-citation") || r.querySelector("rt").textContent);

/** Check the popup shows `word` as one CC-CEDICT word: word, reading, every definition, HSK level. */
async function assertWordPopup(page, word, reading) {
  const popup = await popupLoaded(page);
  const data = DATA[word];
  assert.ok(data && data.e.length, `test data: ${word} is a CC-CEDICT word`);
  assert.equal(await popup.getAttribute("role"), "dialog");
  assert.equal(await popup.locator(".sr-popup-word").innerText(), word);
  assert.equal(await popup.locator(".sr-popup-reading").innerText(), reading);
  const items = await popup.locator(".sr-entries > li").allInnerTexts();
  assert.equal(items.length, data.e.length, `${word}: one line per CC-CEDICT entry`);
  for (const [entryReading, definition] of data.e) {
    assert.ok(items.some((li) => li.includes(definition) && li.includes(entryReading)), `${word}: the popup lists "${entryReading} ${definition}"`);
  }
  if (data.h != null) {
    assert.equal(await popup.locator(".sr-popup-head .sr-hsk").innerText(), `HSK ${data.h === 7 ? "7–9" : data.h}`);
  }
  // The accessible name of the dialog is the word.
  assert.equal(await page.evaluate(() => document.getElementById(document.querySelector(".sr-popup").getAttribute("aria-labelledby")).textContent), word);
  return popup;
}

describe("word popup on a desktop (1280 px, mouse)", { timeout: 90_000 }, () => {
  test("clicking 合作 shows its reading, CC-CEDICT definition and HSK level; clicking elsewhere closes it", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const popup = popupOf(page);
    assert.equal(await popup.count() === 0 || !(await isShown(popup)), true, "no popup before a click");
    const word = await wordLocator(page, "合作");
    assert.ok(word, "summit-21 has 合作 as an ordinary word");
    await word.click();
    await assertWordPopup(page, "合作", "hézuò");
    const text = await popup.innerText();
    assert.match(text, /to cooperate/);
    assert.match(text, /HSK 5/);
    assert.match(text, /CC-CEDICT/);
    assert.equal(await word.evaluate((r) => r.classList.contains("is-open")), true, "the word is marked while its popup is open");
    // Click on plain text outside the popup (the page's metadata): it closes.
    await page.locator(".sr-meta dt").first().click();
    assert.equal(await isShown(popup), false, "popup closed by a click elsewhere");
    assert.equal(await word.evaluate((r) => r.classList.contains("is-open")), false);
    assert.deepEqual(page.errors, []);
    assert.deepEqual(page.external, []);
    await page.context().close();
  });

  test("another word replaces the popup; the same word again, or the close button, closes it", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const first = await wordLocator(page, "合作");
    const second = await wordLocator(page, "已经");
    await first.click();
    await popupLoaded(page);
    await second.click();
    await assertWordPopup(page, "已经", "yǐjīng");
    assert.match(await popupOf(page).innerText(), /already/);
    assert.equal(await page.locator(".sr-summit ruby.is-open").count(), 1, "only one word marked open");
    await second.click();
    assert.equal(await isShown(popupOf(page)), false, "a second click on the word closes its popup");
    await first.click();
    await popupLoaded(page);
    await page.locator(".sr-popup-close").click();
    assert.equal(await isShown(popupOf(page)), false, "the close button closes it");
    await page.context().close();
  });

  test("a word CC-CEDICT lacks (第二十一次, 重要讲话) shows its parts", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    for (const word of ["第二十一次", "重要讲话"]) {
      const data = DATA[word];
      assert.ok(data && !data.e.length && data.p.length > 1, `test data: ${word} is split into parts`);
      const ruby = await wordLocator(page, word);
      assert.ok(ruby, `summit-21 has ${word} as an ordinary word`);
      await ruby.click();
      const popup = await popupLoaded(page);
      assert.equal(await popup.locator(".sr-popup-word").innerText(), word);
      assert.equal(await popup.locator(".sr-popup-reading").innerText(), await readingOf(ruby));
      assert.match(await popup.locator(".sr-parts-note").innerText(), /Not in CC-CEDICT as one word/);
      const parts = popup.locator(".sr-parts > li");
      assert.equal(await parts.count(), data.p.length);
      for (let i = 0; i < data.p.length; i++) {
        const [part, entries, level] = data.p[i];
        const text = await parts.nth(i).innerText();
        assert.ok(text.startsWith(part), `${word}: part ${i + 1} is ${part}: ${text}`);
        if (entries.length) assert.ok(text.includes(entries[0][1]), `${word}: part ${part} shows its definition`);
        if (level != null) assert.match(text, new RegExp(`HSK ${level === 7 ? "7–9" : level}`));
      }
      await page.keyboard.press("Escape");
      assert.equal(await isShown(popup), false);
    }
    await page.context().close();
  });
});

describe("word popup on a phone (390 × 844, touch)", { timeout: 120_000 }, () => {
  test("tapping 合作 opens the popup inside the viewport; tapping elsewhere closes it", async () => {
    const page = await newPage(site.browser, site.server, PHONE);
    await open(page, site.server, PAGE);
    const word = await wordLocator(page, "合作");
    await tapCentred(word);
    const popup = await assertWordPopup(page, "合作", "hézuò");
    const box = await popup.boundingBox();
    assert.ok(inside(box, 390, 844), `popup box ${JSON.stringify(box)} is inside the 390 × 844 viewport`);
    const elsewhere = page.locator("p.sr-kind").first();
    await elsewhere.scrollIntoViewIfNeeded();
    await elsewhere.tap();
    assert.equal(await isShown(popup), false, "popup closed by a tap elsewhere");
    await page.context().close();
  });

  test("the popups of words at the top, middle and bottom of the screen, and at the right edge, fit inside the viewport", async () => {
    const page = await newPage(site.browser, site.server, PHONE);
    await open(page, site.server, PAGE);
    // Words with long definitions make tall popups; the last word of a line sits at the right edge.
    const cases = [];
    for (const [word, n] of [["合作", 0], ["第二十一次", 0], ["重要讲话", 1], ["已经", 0], ["合作", 5], ["并", 0]]) {
      for (const block of ["start", "center", "end"]) cases.push({ word, n, block });
    }
    const outside = [];
    for (const { word, n, block } of cases) {
      const ruby = await wordLocator(page, word, n);
      assert.ok(ruby, `${word} #${n} exists`);
      await ruby.evaluate((el, b) => el.scrollIntoView({ block: b }), block);
      await ruby.tap();
      const popup = await popupLoaded(page);
      assert.equal(await popup.locator(".sr-popup-word").innerText(), word);
      const box = await popup.boundingBox();
      if (!inside(box, 390, 844)) outside.push({ word, n, block, box });
      await page.keyboard.press("Escape");
    }
    assert.deepEqual(outside, [], "popups outside the 390 × 844 viewport");
    await page.context().close();
  });
});

describe("keyboard only: the word cursor", { timeout: 60_000 }, () => {
  test("Tab reaches a paragraph; arrows move the cursor; Enter opens the popup with focus inside; Escape closes and gives focus back", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const target = "a1-p1";
    assert.equal(await page.getAttribute(`[id="${target}"]`, "tabindex"), "0", "words.js makes the paragraph a tab stop");
    assert.equal(await page.getAttribute(`[id="${target}"]`, "aria-describedby"), "sr-hint", "the paragraph points to the keyboard hint");
    // From the top of the page, Tab only.
    await page.evaluate(() => document.activeElement && document.activeElement.blur());
    const presses = await tabUntil(page, (id) => document.activeElement && document.activeElement.id === id, target);
    assert.ok(presses > 1, `Tab reached #${target} after ${presses} presses`);
    const current = () => page.evaluate((id) => {
      const cur = document.getElementById(id).querySelectorAll(".is-current");
      return { n: cur.length, text: cur[0] ? [...cur[0].querySelectorAll("ruby")].concat(cur[0].matches("ruby") ? [cur[0]] : []).map((r) => [...r.childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join("")).join("") : null, term: cur[0] ? cur[0].classList.contains("term") : null };
    }, target);
    assert.equal((await current()).n, 0, "no cursor before an arrow key");
    // The paragraph's words in order (a glossary term counts as one stop).
    const stops = await page.evaluate((id) => [...document.getElementById(id).querySelectorAll("ruby, .term")]
      .filter((el) => el.classList.contains("term") || !el.closest(".term"))
      .map((el) => ({ term: el.classList.contains("term"), text: [...(el.matches("ruby") ? [el] : el.querySelectorAll("ruby"))].map((r) => [...r.childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join("")).join("") })), target);
    assert.ok(stops.length > 5, "the paragraph has words");
    await page.keyboard.press("ArrowRight");
    assert.deepEqual(await current(), { n: 1, ...stops[0] }, "ArrowRight puts the cursor on the first word");
    await page.keyboard.press("ArrowRight");
    assert.deepEqual(await current(), { n: 1, ...stops[1] }, "ArrowRight moves it to the second");
    await page.keyboard.press("ArrowLeft");
    assert.deepEqual(await current(), { n: 1, ...stops[0] }, "ArrowLeft moves it back");
    // Move to the first ordinary word (not a glossary term) and open it.
    const i = stops.findIndex((s) => !s.term && DATA[s.text]);
    for (let k = 0; k < i; k++) await page.keyboard.press("ArrowRight");
    assert.deepEqual(await current(), { n: 1, ...stops[i] });
    assert.equal(await page.evaluate(() => document.activeElement.id), target, "focus stays on the paragraph while the cursor moves");
    await page.keyboard.press("Enter");
    const popup = await popupLoaded(page);
    assert.equal(await popup.locator(".sr-popup-word").innerText(), stops[i].text);
    assert.equal(await page.evaluate(() => document.querySelector(".sr-popup").contains(document.activeElement)), true, "focus moved into the popup");
    await page.keyboard.press("Escape");
    assert.equal(await isShown(popup), false, "Escape closes the popup");
    assert.equal(await page.evaluate(() => document.activeElement.id), target, "focus is back on the paragraph");
    // The arrow keys work again after the popup.
    await page.keyboard.press("ArrowRight");
    assert.equal((await current()).n, 1, "arrow keys work again after closing the popup");
    await page.context().close();
  });

  test("after Escape the cursor is still on the word whose popup was open", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const position = () => page.evaluate(() => {
      const p = document.getElementById("a1-p1");
      const stops = [...p.querySelectorAll("ruby, .term")].filter((el) => el.classList.contains("term") || !el.closest(".term"));
      return stops.indexOf(p.querySelector(".is-current"));
    });
    await page.focus("#a1-p1");
    for (let k = 0; k < 4; k++) await page.keyboard.press("ArrowRight");
    assert.equal(await position(), 3);
    await page.keyboard.press("Enter");
    await popupLoaded(page);
    await page.keyboard.press("Escape");
    assert.equal(await position(), 3, "the cursor stays on the 4th word after the popup closes");
    await page.keyboard.press("ArrowRight");
    assert.equal(await position(), 4, "ArrowRight continues from there");
    await page.context().close();
  });

  test("Enter on a glossary term in the cursor shows its tooltip, not the popup", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const para = await page.$eval('.sr-summit p.zh span.term[data-term="shanghai-spirit"]', (t) => t.closest("p").id);
    const index = await page.evaluate((id) => [...document.getElementById(id).querySelectorAll("ruby, .term")]
      .filter((el) => el.classList.contains("term") || !el.closest(".term"))
      .findIndex((el) => el.dataset.term === "shanghai-spirit"), para);
    await page.focus(`[id="${para}"]`);
    for (let k = 0; k <= index; k++) await page.keyboard.press("ArrowRight");
    await page.keyboard.press("Enter");
    assert.equal(await isShown(page.locator("#tip-shanghai-spirit")), true, "the term's tooltip is shown");
    assert.equal(await page.locator(".sr-popup:not([hidden])").count(), 0, "no word popup for a term");
    assert.equal(await page.evaluate(() => document.activeElement.dataset.term), "shanghai-spirit", "focus moved to the term");
    await page.context().close();
  });
});

describe("glossary terms keep their tooltip", { timeout: 60_000 }, () => {
  test("hover and click on a term show the tooltip with the glossary's English, never the word popup", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, "glossary.html");
    const glossary = await page.$$eval(".sr-terms > li", (rows) => Object.fromEntries(rows.map((e) => [e.id, e.querySelector(".sr-term-en").textContent.trim()])));
    await open(page, site.server, PAGE);
    // Every tooltip on the page carries the glossary entry's English.
    const tips = await page.$$eval(".sr-tips .tip", (ts) => ts.map((t) => [t.id.replace(/^tip-/, ""), t.querySelector(".tip-en").textContent.trim()]));
    assert.ok(tips.length > 10);
    const wrong = tips.filter(([id, en]) => glossary[id] !== en).map(([id, en]) => `${id}: tooltip "${en}", glossary "${glossary[id]}"`);
    assert.deepEqual(wrong, [], "tooltip English differs from the glossary");
    const term = page.locator('.sr-summit p.zh span.term[data-term="shanghai-spirit"]').first();
    await term.hover();
    assert.equal(await isShown(page.locator("#tip-shanghai-spirit")), true, "hover shows the tooltip");
    assert.equal(await page.locator("#tip-shanghai-spirit .tip-en").innerText(), glossary["shanghai-spirit"]);
    await term.click();
    assert.equal(await isShown(page.locator("#tip-shanghai-spirit")), true, "click keeps the tooltip");
    assert.equal(await page.locator(".sr-popup:not([hidden])").count(), 0, "no word popup on a term");
    await page.context().close();
  });

  test("a tap on a term (phone) shows its tooltip, and a tap on a word then replaces it with the popup", async () => {
    const page = await newPage(site.browser, site.server, PHONE);
    await open(page, site.server, PAGE);
    const term = page.locator('.sr-summit p.zh span.term[data-term="shanghai-spirit"]').first();
    await tapCentred(term);
    const tip = page.locator("#tip-shanghai-spirit");
    assert.equal(await isShown(tip), true, "tap shows the tooltip");
    assert.match(await tip.innerText(), /the Shanghai Spirit/);
    assert.equal(await page.locator(".sr-popup:not([hidden])").count(), 0, "no word popup on a term");
    const word = await wordLocator(page, "合作");
    await tapCentred(word);
    await popupLoaded(page);
    assert.equal(await isShown(tip), false, "the tooltip closed when a word was tapped");
    await page.context().close();
  });
});

describe("the popup a learner needs (390 × 844, touch)", { timeout: 180_000 }, () => {
  const MINOR = /^(?:(?:old|archaic|ancient) )?variant of |^surname /;

  test("和 and 以: the sense read as here first, variants and surnames folded; fits without scrolling and never covers the word", async () => {
    const page = await newPage(site.browser, site.server, PHONE);
    await open(page, site.server, PAGE);
    const problems = [];
    for (const word of ["和", "以"]) {
      const data = DATA[word];
      assert.ok(data && data.e.some(([, d]) => MINOR.test(d)), `test data: ${word} has variant or surname entries in CC-CEDICT`);
      for (const block of ["start", "center", "end"]) {
        const ruby = await wordLocator(page, word);
        assert.ok(ruby, `${word} is an ordinary word on ${PAGE}`);
        await ruby.evaluate((el, b) => el.scrollIntoView({ block: b }), block);
        await ruby.tap();
        const popup = await popupLoaded(page);
        const reading = await readingOf(ruby);
        const shown = await popup.locator(".sr-entries > li").evaluateAll((lis) => lis.map((li) => li.innerText).filter(Boolean));
        const where = `${word} (${block})`;
        if (!shown.length || !shown[0].startsWith(reading)) problems.push(`${where}: first sense is not the reading here (${reading}): ${shown[0]}`);
        if (shown.some((t) => MINOR.test(t.replace(/^\S+\s/, "")))) problems.push(`${where}: a variant or surname sense is shown unfolded: ${shown.join(" | ")}`);
        const fit = await popup.evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
        if (fit.scroll > fit.client + 1) problems.push(`${where}: the popup scrolls (${fit.scroll} > ${fit.client} px)`);
        const [w, p] = [await ruby.boundingBox(), await popup.boundingBox()];
        const overlap = !(p.y >= w.y + w.height || p.y + p.height <= w.y || p.x >= w.x + w.width || p.x + p.width <= w.x);
        if (overlap) problems.push(`${where}: the popup ${JSON.stringify(p)} covers the word ${JSON.stringify(w)}`);
        if (!inside(p, 390, 844)) problems.push(`${where}: the popup is not inside the screen`);
        // The folded senses are one tap away.
        const more = popup.locator(".sr-more > summary");
        if ((await more.count()) > 0) {
          await more.first().tap();
          const unfolded = await popup.locator(".sr-more[open] .sr-entries > li").count();
          if (!unfolded) problems.push(`${where}: tapping "${await more.first().innerText()}" shows nothing`);
        }
        await page.keyboard.press("Escape");
      }
    }
    assert.deepEqual(problems, []);
    await page.context().close();
  });

  test("tapping the blank margin closes a word popup and a term tooltip (touch)", async () => {
    const page = await newPage(site.browser, site.server, PHONE);
    await open(page, site.server, PAGE);
    const word = await wordLocator(page, "合作");
    await tapCentred(word);
    const popup = await popupLoaded(page);
    const margin = async () => {
      // A point in the left margin beside the text, outside any word or popup.
      const x = 4, y = 700;
      const hit = await page.evaluate(([x, y]) => { const el = document.elementFromPoint(x, y); return el && (el.closest("ruby, .term, .sr-popup, .tip, a, button, input, summary") ? el.outerHTML.slice(0, 60) : null); }, [x, y]);
      assert.equal(hit, null, "the tapped point is blank");
      await page.touchscreen.tap(x, y);
    };
    await margin();
    assert.equal(await isShown(popup), false, "the popup closed");
    const term = page.locator('.sr-summit p.zh span.term[data-term="shanghai-spirit"]').first();
    await tapCentred(term);
    assert.equal(await isShown(page.locator("#tip-shanghai-spirit")), true, "the tooltip opened");
    await margin();
    assert.equal(await isShown(page.locator("#tip-shanghai-spirit")), false, "the tooltip closed");
    await page.context().close();
  });
});

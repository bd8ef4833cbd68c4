// The reader controls (form.sr-controls): each one changes the page, and the choice persists after a
// reload and on another summit page reached from its link to the next one (.sr-sequence).
import { after, before, describe, test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, newPage, open, useSite } from "./helpers.mjs";

const PAGE = "summit-21.html";

const site = useSite();

const input = (page, name, value) => page.locator(`form.sr-controls input[data-sr-setting="${name}"][value="${value}"]`);

/** Choose a radio value, or tick/untick a checkbox (as a reader would, with a click). */
async function choose(page, name, value) {
  if (name === "tones" || name === "spoken") {
    const box = input(page, name, "on");
    if ((await box.isChecked()) !== (value === "on")) await box.click();
  } else {
    await input(page, name, value).click();
  }
  assert.equal(await page.evaluate((n) => document.documentElement.getAttribute(`data-sr-${n}`), name), value, `<html data-sr-${name}> follows the control`);
}

/** What the page looks like: the settings on <html>, the controls' state and their visible effects. */
function state(page) {
  return page.evaluate(() => {
    const html = document.documentElement;
    const attrs = {};
    for (const n of ["pinyin", "tones", "spoken", "size", "translation"]) attrs[n] = html.getAttribute(`data-sr-${n}`);
    const inputs = {};
    for (const el of document.querySelectorAll("form.sr-controls input[data-sr-setting]")) {
      const n = el.getAttribute("data-sr-setting");
      if (el.type === "checkbox") inputs[n] = el.checked ? "on" : "off";
      else if (el.checked) inputs[n] = el.value;
    }
    const rts = [...document.querySelectorAll(".sr-page rt")];
    const shown = (el) => getComputedStyle(el).display !== "none";
    const rtInTerm = rts.filter((r) => r.closest(".term"));
    const rtOutside = rts.filter((r) => !r.closest(".term"));
    const zh = document.querySelector(".sr-summit p.zh");
    const en = zh.parentElement.querySelector("p.en");
    const z = zh.getBoundingClientRect(), e = en.getBoundingClientRect();
    let english = "hidden";
    if (getComputedStyle(en).display !== "none") {
      if (e.left >= z.right - 1 && e.top < z.bottom) english = "side";
      else if (e.top >= z.bottom - 1) english = "below";
      else english = `elsewhere (zh ${JSON.stringify(z)}, en ${JSON.stringify(e)})`;
    }
    const tone1 = document.querySelector(".sr-summit rt .tone1");
    return {
      attrs,
      inputs,
      rtInTermShown: rtInTerm.filter(shown).length,
      rtInTerm: rtInTerm.length,
      rtOutsideShown: rtOutside.filter(shown).length,
      rtOutside: rtOutside.length,
      toneSpans: document.querySelectorAll(".sr-summit rt [class^='tone']").length,
      tone1Colour: tone1 ? getComputedStyle(tone1).color : null,
      rtColour: getComputedStyle(rts[0]).color,
      fontSize: parseFloat(getComputedStyle(zh).fontSize),
      english,
      spoken: document.querySelectorAll(".sr-summit rt[data-spoken]").length,
      spokenShown: [...document.querySelectorAll(".sr-summit rt[data-spoken]")].filter((r) => r.textContent === r.getAttribute("data-spoken")).length,
    };
  });
}

describe("each control changes the page (1280 px)", { timeout: 300_000 }, () => {
  test("pinyin: all, terms only, off", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    let s = await state(page);
    assert.equal(s.inputs.pinyin, "all", "default: pinyin on all words");
    assert.ok(s.rtOutside > 1000 && s.rtInTerm > 10);
    assert.equal(s.rtOutsideShown, s.rtOutside, "default: every reading shown");
    assert.equal(s.rtInTermShown, s.rtInTerm);
    await choose(page, "pinyin", "off");
    s = await state(page);
    assert.equal(s.rtOutsideShown + s.rtInTermShown, 0, "off: every rt has display none");
    await choose(page, "pinyin", "terms");
    s = await state(page);
    assert.equal(s.rtOutsideShown, 0, "terms only: no reading outside the glossary terms");
    assert.equal(s.rtInTermShown, s.rtInTerm, "terms only: every term keeps its reading");
    await choose(page, "pinyin", "all");
    s = await state(page);
    assert.equal(s.rtOutsideShown, s.rtOutside);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("tone colours wrap each syllable in span.tone1–5, five different colours", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    assert.equal((await state(page)).toneSpans, 0, "no tone spans before the setting is on");
    await choose(page, "tones", "on");
    const s = await state(page);
    assert.ok(s.toneSpans > 1000, `syllables wrapped (${s.toneSpans})`);
    const tones = await page.evaluate(() => {
      const colours = {};
      for (let t = 1; t <= 5; t++) {
        const el = document.querySelector(`.sr-summit rt .tone${t}`);
        colours[t] = el ? getComputedStyle(el).color : null;
      }
      // 合作 hézuò: 2nd + 4th tone; the syllables keep the reading's text.
      const rt = [...document.querySelectorAll(".sr-summit p.zh > ruby")].find((r) => r.firstChild.nodeValue === "合作").querySelector("rt");
      return { colours, hezuo: [...rt.querySelectorAll("span")].map((sp) => `${sp.className}:${sp.textContent}`), hezuoText: rt.textContent };
    });
    for (let t = 1; t <= 5; t++) assert.ok(tones.colours[t], `some syllable has tone ${t}`);
    assert.equal(new Set(Object.values(tones.colours)).size, 5, `five different colours: ${JSON.stringify(tones.colours)}`);
    assert.deepEqual(tones.hezuo, ["tone2:hé", "tone4:zuò"]);
    assert.equal(tones.hezuoText, "hézuò", "colouring keeps the reading");
    // Off again: the syllables take the reading's ordinary colour.
    await choose(page, "tones", "off");
    const off = await state(page);
    assert.equal(off.tone1Colour, off.rtColour, "tone colours off: syllables in the ordinary pinyin colour");
    await page.context().close();
  });

  test("tone colouring treats a reading as text: markup in it shows literally", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    // A tag with no vowel in it, so the syllable pattern cannot cut it up by chance.
    const planted = "<b>x</b>hézuò";
    await page.evaluate((text) => { document.querySelector(".sr-summit p.zh > ruby rt").textContent = text; }, planted);
    await choose(page, "tones", "on");
    const rt = await page.evaluate(() => {
      const el = document.querySelector(".sr-summit p.zh > ruby rt");
      return { text: el.textContent, elements: el.querySelectorAll(":not(span)").length, last: [...el.querySelectorAll("span")].slice(-2).map((sp) => `${sp.className}:${sp.textContent}`) };
    });
    assert.equal(rt.text, planted, "the reading's text is kept, character for character");
    assert.equal(rt.elements, 0, "no element but the syllables' spans");
    assert.deepEqual(rt.last, ["tone2:hé", "tone4:zuò"]);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("spoken 一/不 changes the reading of words with data-spoken", async (t) => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const before = await page.$$eval(".sr-summit rt[data-spoken]", (rts) => rts.map((r) => [r.textContent, r.getAttribute("data-spoken")]));
    const checkbox = input(page, "spoken", "on");
    assert.equal(await checkbox.count(), 1, "the control exists");
    if (before.length === 0) {
      // Checked and skipped on purpose: the builder does not emit data-spoken yet (a colleague is adding it).
      const why = "summit-21 has no rt[data-spoken] yet: nothing for the spoken 一/不 setting to change (control present, behaviour untested)";
      t.diagnostic(`SKIPPED: ${why}`);
      t.skip(why);
      await page.context().close();
      return;
    }
    const changing = before.filter(([citation, spoken]) => citation !== spoken);
    assert.ok(changing.length > 0, "some spoken reading differs from the citation reading");
    await choose(page, "spoken", "on");
    const on = await page.$$eval(".sr-summit rt[data-spoken]", (rts) => rts.map((r) => r.textContent));
    assert.deepEqual(on, before.map(([, spoken]) => spoken), "spoken on: each reading is its data-spoken");
    await choose(page, "spoken", "off");
    const off = await page.$$eval(".sr-summit rt[data-spoken]", (rts) => rts.map((r) => r.textContent));
    assert.deepEqual(off, before.map(([citation]) => citation), "spoken off: the citation readings are back");
    // With tone colours on, the spoken readings are coloured by their spoken tones.
    await choose(page, "tones", "on");
    await choose(page, "spoken", "on");
    const coloured = await page.$$eval(".sr-summit rt[data-spoken]", (rts) => rts.map((r) => ({
      text: r.textContent,
      spans: r.querySelectorAll("[class^='tone']").length,
      tones: [...r.querySelectorAll("[class^='tone']")].map((sp) => `${sp.className}:${sp.textContent}`),
    })));
    assert.deepEqual(coloured.map((c) => c.text), before.map(([, spoken]) => spoken), "tones + spoken: the spoken readings");
    assert.ok(coloured.every((c) => c.spans > 0), "tones + spoken: every spoken reading is coloured");
    // 不 before a 4th tone is spoken bú (2nd tone): its syllable is coloured as tone 2.
    const bu = coloured.find((c) => c.text.split(/\s+/).includes("bú"));
    if (bu) t.diagnostic(`spoken + tones: ${bu.text} → ${bu.tones.join(" ")}`);
    if (bu) assert.ok(bu.tones.includes("tone2:bú"), `bú is coloured as tone 2: ${bu.tones.join(" ")}`);
    await page.context().close();
  });

  test("text size changes the font size of the Chinese paragraphs", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    const sizes = {};
    for (const v of ["s", "m", "l", "xl"]) {
      await choose(page, "size", v);
      sizes[v] = (await state(page)).fontSize;
    }
    assert.ok(sizes.s < sizes.m && sizes.m < sizes.l && sizes.l < sizes.xl, `S < M < L < XL: ${JSON.stringify(sizes)}`);
    await page.context().close();
  });

  test("English: hidden, below, side by side (right of the Chinese at 1280 px)", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    assert.equal((await state(page)).english, "below", "default: the English below the Chinese");
    await choose(page, "translation", "hidden");
    assert.equal((await state(page)).english, "hidden");
    assert.equal(await page.$$eval(".sr-page p.en", (ps) => ps.filter((p) => getComputedStyle(p).display !== "none").length), 0, "every p.en hidden");
    await choose(page, "translation", "side");
    assert.equal((await state(page)).english, "side");
    // Every pair: English to the right of its Chinese, starting on the same band.
    // Measured as a reader meets each pair: scrolled into view (off-screen articles are not laid
    // out until then: content-visibility: auto).
    const notSide = await page.$$eval(".sr-summit .sr-pair", async (pairs) => {
      const frame = () => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
      const bad = [];
      for (const pair of pairs) {
        pair.scrollIntoView();
        await frame();
        const [zh, en] = [pair.firstElementChild.getBoundingClientRect(), pair.querySelector("p.en").getBoundingClientRect()];
        if (!(en.left >= zh.right - 1 && en.top < zh.bottom)) bad.push(`${pair.firstElementChild.id} zh ${JSON.stringify(zh)} en ${JSON.stringify(en)}`);
      }
      return bad;
    });
    assert.deepEqual(notSide, [], "side by side: every English paragraph is to the right of its Chinese");
    // ...in two columns of about 3:2 that fit the screen (no sideways scrolling, no English off-screen).
    const fit = await page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const pairs = [...document.querySelectorAll(".sr-summit .sr-pair")];
      const bad = pairs.filter((pair) => {
        const [zh, en] = [pair.firstElementChild.getBoundingClientRect(), pair.querySelector("p.en").getBoundingClientRect()];
        return en.right > vw || zh.width / en.width > 2 || zh.width / en.width < 1.2;
      });
      return {
        width: document.documentElement.scrollWidth,
        vw,
        bad: bad.length,
        pairs: pairs.length,
        example: bad.slice(0, 3).map((pair) => `#${pair.firstElementChild.id}: columns ${getComputedStyle(pair).gridTemplateColumns}`),
      };
    });
    assert.ok(fit.width <= fit.vw, `side by side: the page is ${fit.width} px wide in a ${fit.vw} px window`);
    assert.deepEqual(fit.example, [], `side by side: ${fit.bad} of ${fit.pairs} pairs are not two ~3:2 columns inside the window`);
    await choose(page, "translation", "below");
    assert.equal((await state(page)).english, "below");
    await page.context().close();
  });

  test("at 390 px side by side is not offered; a saved side-by-side setting shows the English below", async () => {
    const page = await newPage(site.browser, site.server, PHONE);
    await page.addInitScript(() => localStorage.setItem("summit-reader:settings", JSON.stringify({ translation: "side" })));
    await open(page, site.server, PAGE);
    await page.locator(".sr-settings > summary").tap();
    assert.equal(await input(page, "translation", "side").isVisible(), false, "no side-by-side option on a phone");
    assert.equal(await input(page, "translation", "below").isChecked(), true, "the controls show what the page does: below");
    assert.equal((await state(page)).english, "below");
    await page.context().close();
  });
});

const CHOICE = { pinyin: "terms", tones: "on", spoken: "on", size: "xl", translation: "side" };

/** The settings in CHOICE apply: on <html>, in the controls and on the page. */
async function assertApplied(page, choice, where) {
  const s = await state(page);
  assert.deepEqual(s.attrs, choice, `${where}: <html data-sr-*>`);
  assert.deepEqual(s.inputs, choice, `${where}: the controls show the settings`);
  if (choice.pinyin === "terms") {
    assert.equal(s.rtOutsideShown, 0, `${where}: no pinyin outside the terms`);
    assert.equal(s.rtInTermShown, s.rtInTerm, `${where}: pinyin on the terms`);
  } else if (choice.pinyin === "off") {
    assert.equal(s.rtOutsideShown + s.rtInTermShown, 0, `${where}: no pinyin`);
  }
  if (choice.tones === "on") assert.ok(s.toneSpans > 100, `${where}: tone colours applied`);
  if (s.spoken) {
    assert.equal(s.spokenShown, choice.spoken === "on" ? s.spoken : 0, `${where}: spoken 一/不 readings ${choice.spoken}`);
  }
  if (choice.size === "xl") assert.ok(s.fontSize >= 25, `${where}: XL text (${s.fontSize}px)`);
  assert.equal(s.english, choice.translation, `${where}: English ${choice.translation}`);
}

describe("settings persist (1280 px)", { timeout: 120_000 }, () => {
  test("after a reload", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    for (const [name, value] of Object.entries(CHOICE)) await choose(page, name, value);
    await assertApplied(page, CHOICE, "before the reload");
    await page.reload({ waitUntil: "load" });
    await assertApplied(page, CHOICE, "after a reload");
    // And other values: pinyin off, English hidden, text S, tones off.
    const other = { pinyin: "off", tones: "off", spoken: "off", size: "s", translation: "hidden" };
    for (const [name, value] of Object.entries(other)) await choose(page, name, value);
    await page.reload({ waitUntil: "load" });
    await assertApplied(page, other, "after a second reload");
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });

  test("on another summit page reached from the page's link to the next summit", async () => {
    const page = await newPage(site.browser, site.server);
    await open(page, site.server, PAGE);
    for (const [name, value] of Object.entries(CHOICE)) await choose(page, name, value);
    const link = page.locator('.sr-sequence a[rel="next"][href$="summit-24.html"]').first();
    assert.equal(await link.isVisible(), true, "the page links the next summit page, summit-24");
    await link.click();
    await page.waitForURL(/summit-24\.html$/);
    await page.waitForFunction(() => document.querySelector(".sr-page")?.dataset.page === "summit-24" && document.querySelector(".sr-summit p.zh[tabindex]"));
    await assertApplied(page, CHOICE, "on summit-24 after the link");
    // A word popup works on the new page (its word data is summit-24's).
    await page.locator(".sr-summit p.zh > ruby").first().click();
    await page.locator(".sr-popup").waitFor({ state: "visible" });
    await page.waitForFunction(() => !/Loading…/.test(document.querySelector(".sr-popup").textContent));
    assert.doesNotMatch(await page.locator(".sr-popup").innerText(), /No dictionary data/);
    assert.deepEqual(page.errors, []);
    await page.context().close();
  });
});

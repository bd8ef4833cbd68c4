// Accessible and comfortable (issue 9, item 6): visible focus on every control, a dark scheme that follows
// the system and can be switched, note marks that cannot be read as digits, lang="zh-Hans" on every
// Chinese run, a styled 404 page, and no floating button over the text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { PHONE, axeSource, newPage, open, useSite } from "./helpers.mjs";

const site = useSite();

test("every control shows a visible focus ring when reached with Tab (WCAG 2.4.7)", { timeout: 120_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await open(page, site.server, "summit-21.html");
  const seen = new Map();
  for (let i = 0; i < 45; i++) {
    await page.keyboard.press("Tab");
    const f = await page.evaluate(() => {
      const el = document.activeElement;
      if (!el || el === document.body) return null;
      // A visually hidden radio (Material's palette option) shows its focus on the label after it.
      const shown = el.matches(".md-option") ? el.nextElementSibling : el;
      const s = getComputedStyle(shown);
      const ring = s.outlineStyle !== "none" && parseFloat(s.outlineWidth) >= 2;
      const name = `${el.tagName.toLowerCase()}${el.className && typeof el.className === "string" ? "." + el.className.split(" ")[0] : ""}${el.value && el.type === "radio" ? "[" + el.value + "]" : ""} ${(el.textContent || el.getAttribute("aria-label") || "").trim().slice(0, 20)}`;
      return { name, ring, outline: `${s.outlineStyle} ${s.outlineWidth}` };
    });
    if (f) seen.set(f.name, f);
  }
  const missing = [...seen.values()].filter((f) => !f.ring).map((f) => `${f.name} (outline ${f.outline})`);
  assert.ok(seen.size > 10, `Tab reached ${seen.size} controls`);
  assert.deepEqual(missing, [], "controls without a visible focus ring");
  await page.context().close();
});

test("dark mode follows the system and can be switched; the choice persists", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await page.emulateMedia({ colorScheme: "dark" });
  await open(page, site.server, "summit-21.html");
  const scheme = () => page.evaluate(() => document.body.getAttribute("data-md-color-scheme"));
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  assert.equal(await scheme(), "slate", "a dark system gets the dark scheme");
  const dark = await background();
  await page.locator("label.md-header__button[for^='__palette']").filter({ visible: true }).click();
  assert.equal(await scheme(), "default", "the header toggle switches to light");
  assert.notEqual(await background(), dark);
  await page.reload({ waitUntil: "load" });
  assert.equal(await scheme(), "default", "the switch persists after a reload");
  const light = await newPage(site.browser, site.server);
  await light.emulateMedia({ colorScheme: "light" });
  await open(light, site.server, "summit-21.html");
  assert.equal(await light.evaluate(() => document.body.getAttribute("data-md-color-scheme")), "default", "a light system gets the light scheme");
  await light.context().close();
  await page.context().close();
});

test("axe: the dark scheme of a term page and the 404 page have no serious or critical violations", { timeout: 120_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await page.emulateMedia({ colorScheme: "dark" });
  for (const name of ["glossary/sco.html", "404.html"]) {
    await open(page, site.server, name);
    await page.addScriptTag({ content: axeSource() });
    const violations = await page.evaluate(async () => (await window.axe.run(document)).violations
      .filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).slice(0, 3).join(", ")}`));
    assert.deepEqual(violations, [], `${name} (dark)`);
  }
  await page.context().close();
});

test("editorial note marks are letters, never digits that could be read with a lost number", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, PHONE);
  await open(page, site.server, "summit-20.html");
  const marks = await page.$$eval(".sr-summit .note-ref a", (as) => as.map((a) => a.textContent));
  assert.ok(marks.length >= 3, `the 20th summit page has note marks (${marks.length})`);
  assert.deepEqual(marks.filter((m) => /\d/.test(m)), [], "note marks with digits");
  const gaps = await page.$$eval(".sr-summit .gap", (gs) => gs.map((g) => g.textContent + "|" + g.nextElementSibling.textContent));
  assert.deepEqual(gaps.filter((g) => /\d/.test(g)), []);
  await page.context().close();
});

test("every Chinese run on every kind of page is marked lang=zh-Hans", { timeout: 90_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  const problems = [];
  for (const name of ["index.html", "summit-20.html", "summit-21.html", "glossary.html", "glossary/sco.html", "glossary/sco-short-form.html", "404.html"]) {
    await open(page, site.server, name);
    problems.push(...await page.evaluate((n) => {
      const bad = [];
      const walker = document.createTreeWalker(document.querySelector(".md-content"), NodeFilter.SHOW_TEXT);
      for (let t = walker.nextNode(); t; t = walker.nextNode()) {
        if (!/\p{Script=Han}/u.test(t.data)) continue;
        const lang = t.parentElement.closest("[lang]");
        if (!lang || lang.getAttribute("lang") !== "zh-Hans") bad.push(`${n}: "${t.data.trim().slice(0, 30)}" in <${t.parentElement.tagName.toLowerCase()}> (lang ${lang ? lang.getAttribute("lang") : "none"})`);
      }
      return bad;
    }, name));
  }
  assert.deepEqual(problems.slice(0, 20), [], `${problems.length} Chinese runs without lang=zh-Hans`);
  await page.context().close();
});

test("the 404 page is styled and leads back to the texts and the glossary", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, PHONE);
  await open(page, site.server, "404.html");
  assert.match(await page.locator(".sr-404 h1").innerText(), /not found/i);
  const links = await page.$$eval(".sr-404 a", (as) => as.map((a) => new URL(a.href).pathname));
  assert.deepEqual(links, ["/index.html", "/glossary.html"]);
  await page.context().close();
});

test("no floating button covers the text: articles end with an in-flow 'Back to top' link", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server, PHONE);
  await open(page, site.server, "summit-21.html");
  for (const y of [3000, 2000]) {  // scrolling down, then up (Material showed its button on the way up)
    await page.evaluate((v) => window.scrollTo(0, v), y);
    await page.waitForTimeout(300);
    const floating = await page.evaluate(() => [...document.querySelectorAll("body *")].filter((el) => {
      const s = getComputedStyle(el);
      if (!["fixed", "sticky"].includes(s.position) || s.display === "none" || s.visibility === "hidden" || el.hidden) return false;
      if (el.closest(".md-header, .md-sidebar, .md-dialog, .sr-popup, .tip")) return false;
      const r = el.getBoundingClientRect();
      return r.width > 0 && r.height > 0 && r.bottom > 0 && r.top < innerHeight && parseFloat(s.opacity) > 0;
    }).map((el) => el.outerHTML.slice(0, 80)));
    assert.deepEqual(floating, [], `floating elements over the text at scroll ${y}`);
  }
  const ends = await page.$$eval(".sr-article", (as) => as.map((a) => a.lastElementChild.matches(".sr-top")));
  assert.ok(ends.length > 1 && ends.every(Boolean), `each article ends with a back-to-top link: ${ends}`);
  const last = page.locator(".sr-article .sr-top a").last();
  await last.scrollIntoViewIfNeeded();
  await last.tap();
  await page.waitForFunction(() => window.scrollY < 5, null, { timeout: 5000 });
  await page.context().close();
});

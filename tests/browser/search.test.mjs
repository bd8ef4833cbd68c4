// Search (issue 11): Chinese, pinyin and English queries find what the pages say, results link to the
// paragraph, the keyboard alone works, axe finds nothing serious, and a page that never searches
// loads nothing of the index. What each query must find is read from the built pages themselves
// (every summit page's paragraphs and English), not from the index under test.
// Screenshots go to tests/browser/test-results/ and, with UPDATE_SCREENSHOTS=1, to docs/screenshots/.
import { test } from "node:test";
import assert from "node:assert/strict";
import { copyFileSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { PHONE, ROOT, SCREENSHOTS, SITE, axeSource, inside, launch, newPage, open, serve, useSite } from "./helpers.mjs";

const RESULTS = path.join(ROOT, "tests", "browser", "test-results");
const site = useSite();
const SUMMITS = readdirSync(SITE).filter((f) => /^summit-\d+\.html$/.test(f)).sort();

/** Every heading and paragraph of every summit page: {href, zh (text without readings), en}; read once. */
let blocks = null;
async function readBlocks() {
  if (blocks) return blocks;
  mkdirSync(RESULTS, { recursive: true });
  const page = await newPage(site.browser, site.server);
  blocks = [];
  for (const name of SUMMITS) {
    await open(page, site.server, name);
    blocks = blocks.concat(await page.$$eval(".sr-summit h2[id], .sr-summit p.zh[id]", (els, n) => els.map((el) => {
      const clone = el.cloneNode(true);
      clone.querySelectorAll("rt, rp, .note-ref, .gap").forEach((x) => x.remove());
      const en = el.parentElement.querySelector("p.en");
      return { href: `${n}#${el.id}`, zh: clone.textContent, en: en && !en.classList.contains("en-none") ? en.textContent : "" };
    }), name));
  }
  await page.context().close();
  return blocks;
}

/** Type a query into the box and wait until the list shows its results. */
async function search(page, query) {
  await page.fill("#sr-search-input", query);
  await page.waitForFunction((q) => document.getElementById("sr-search-results").getAttribute("data-query") === q, query, { timeout: 20_000 });
}

/** All results of the current query ("Show more" pressed until there are no more): href, text, marks. */
async function results(page) {
  while (await page.locator(".sr-search-more").isVisible()) {
    const before = await page.locator(".sr-result").count();
    await page.click(".sr-search-more");
    await page.waitForFunction((n) => document.querySelectorAll(".sr-result").length > n, before);
  }
  return page.$$eval(".sr-result-link", (as) => as.map((a) => ({
    href: a.getAttribute("href").replace(/^.*\//, ""),
    zh: a.querySelector(".sr-result-zh")?.textContent ?? "",
    marks: [...a.querySelectorAll("mark")].map((m) => m.textContent),
  })));
}

async function searchPage(options) {
  await readBlocks();
  const page = await newPage(site.browser, site.server, options);
  await open(page, site.server, "summit-21.html");
  return page;
}

/** Blocks whose Chinese contains `text`. */
function containing(text) { return blocks.filter((b) => b.zh.includes(text)).map((b) => b.href); }

/** The query finds the glossary entry (first of all) and every paragraph that has `word`, marked. */
async function findsWord(t, query, word, entry) {
  const page = await searchPage();
  await search(page, query);
  const found = await results(page);
  const expected = containing(word);
  assert.ok(expected.length > 0, `the pages contain ${word}`);
  if (entry) assert.equal(found[0].href, `glossary.html#${entry}`, `${query}: the glossary entry comes first`);
  const hrefs = new Set(found.map((r) => r.href));
  assert.deepEqual(expected.filter((h) => !hrefs.has(h)), [], `${query}: every paragraph with ${word} is found`);
  for (const r of found.filter((r) => expected.includes(r.href))) {
    assert.ok(r.marks.some((m) => m.includes(word) || word.includes(m)), `${query}: ${r.href} marks ${word} (marks: ${r.marks})`);
  }
  const status = await page.textContent("#sr-search-status");
  assert.match(status, new RegExp(`^${found.length} results?$`), "the live region announces the count");
  t.diagnostic(`${query}: ${found.length} results, ${expected.length} paragraphs with ${word}`);
  assert.deepEqual(page.errors, []);
  assert.deepEqual(page.external, []);
  await page.context().close();
}

// [test name, query, the word every result marks, the glossary entry that must come first]
const SHARED = "extensive-consultation-joint-contribution-shared-benefits";
for (const [name, query, word, entry] of [
  ["上海精神 finds its glossary entry first and every paragraph with it", "上海精神", "上海精神", "shanghai-spirit"],
  ["shanghai jingshen (no tones) finds 上海精神", "shanghai jingshen", "上海精神", "shanghai-spirit"],
  ["shànghǎi jīngshén (tones) finds 上海精神", "shànghǎi jīngshén", "上海精神", "shanghai-spirit"],
  ["shanghaijingshen (no spaces) finds 上海精神", "shanghaijingshen", "上海精神", "shanghai-spirit"],
  ["gongshang gongjian gongxiang finds 共商共建共享", "gongshang gongjian gongxiang", "共商共建共享", SHARED],
  ["共商共建共享 finds its paragraphs", "共商共建共享", "共商共建共享", SHARED],
  ["lvse finds 绿色 (ü written v)", "lvse", "绿色"],
  ["luse finds 绿色 (ü written u)", "luse", "绿色"],
  ["lüsè finds 绿色 (ü, one tone of two given)", "lüsè", "绿色"],
]) {
  test(name, { timeout: 60_000 }, (t) => findsWord(t, query, word, entry));
}

test("a phrase across word boundaries is found as a substring", { timeout: 60_000 }, async (t) => {
  // The longest run of Han characters that straddles two words and occurs in exactly one block.
  const page = await searchPage();
  const phrase = await page.$$eval(".sr-summit p.zh[id]", (ps) => {
    for (const p of ps) {
      const rubies = [...p.querySelectorAll("ruby")].map((r) => [...r.childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join(""));
      for (let i = 0; i + 1 < rubies.length; i++) {
        if (rubies[i].length >= 2 && rubies[i + 1].length >= 2) return rubies[i].slice(-1) + rubies[i + 1];
      }
    }
    return null;
  });
  assert.ok(phrase, "a phrase across two words");
  await search(page, phrase);
  const found = (await results(page)).map((r) => r.href).filter((h) => !h.startsWith("glossary"));
  assert.deepEqual(found.sort(), containing(phrase).sort(), `${phrase}: exactly the blocks that contain it`);
  t.diagnostic(`${phrase}: ${found.length} blocks`);
  await page.context().close();
});

test("pinyin of two words written as one (no space) finds them together", { timeout: 60_000 }, async (t) => {
  // Two neighbouring ordinary words of a paragraph (their readings as printed), toneless and joined.
  const page = await searchPage();
  const pair = await page.$$eval(".sr-summit p.zh[id]", (ps) => {
    const base = (r) => [...r.childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join("");
    const plain = (s) => s.normalize("NFD").replace(/[\u0300\u0301\u0304\u030c]/g, "").replace(/u\u0308/g, "v").toLowerCase();
    for (const p of ps.slice(5)) {
      const rubies = [...p.querySelectorAll("ruby")].filter((r) => !r.closest(".term"));
      for (let i = 0; i + 1 < rubies.length; i++) {
        const [a, b] = [rubies[i], rubies[i + 1]];
        if (a.nextSibling !== b || base(a).length < 2 || base(b).length < 2) continue;
        const reading = plain(a.querySelector("rt").textContent + b.querySelector("rt").textContent);
        if (/^[a-z]+$/.test(reading)) return { href: p.id, zh: base(a) + base(b), reading };
      }
    }
    return null;
  });
  assert.ok(pair, "two neighbouring words");
  await search(page, pair.reading);
  const found = await results(page);
  const hit = found.find((r) => r.href === `summit-21.html#${pair.href}`);
  assert.ok(hit, `${pair.reading} (${pair.zh}) finds summit-21.html#${pair.href}`);
  assert.ok(hit.marks.join("").includes(pair.zh) || pair.zh.split("").every((c) => hit.marks.join("").includes(c)), `${pair.zh} is marked (${hit.marks})`);
  t.diagnostic(`${pair.reading} → ${pair.zh}: ${found.length} results`);
  await page.context().close();
});

test("shared future finds 命运共同体 first among the glossary hits, then the translations", { timeout: 60_000 }, async () => {
  const page = await searchPage();
  for (const query of ["shared future", "community with a shared future"]) {
    await search(page, query);
    const found = await results(page);
    assert.equal(found[0].href, "glossary.html#community-with-a-shared-future", `${query}: 命运共同体 first`);
    assert.equal(found[0].zh, "命运共同体");
    const english = blocks.filter((b) => /community with a shared future/i.test(b.en)).map((b) => b.href);
    assert.ok(english.length > 3, "translations say it");
    const hrefs = new Set(found.map((r) => r.href));
    assert.deepEqual(english.filter((h) => !hrefs.has(h)), [], `${query}: every paragraph whose English says it`);
    const firstParagraph = found.findIndex((r) => !r.href.startsWith("glossary"));
    assert.ok(found.slice(0, firstParagraph).every((r) => r.href.startsWith("glossary")), "glossary hits first");
  }
  await page.context().close();
});

test("a word that occurs in only one translation finds that paragraph", { timeout: 60_000 }, async (t) => {
  const page = await searchPage();
  const glossary = await (await fetch(site.server.url + "glossary.html")).text();
  const counts = new Map();
  for (const b of blocks) {
    for (const w of new Set(b.en.toLowerCase().match(/[a-z]{7,}/g) || [])) counts.set(w, [...(counts.get(w) || []), b.href]);
  }
  const once = [...counts].filter(([w, hrefs]) => hrefs.length === 1 && !glossary.toLowerCase().includes(w)).map(([w]) => w).sort();
  assert.ok(once.length > 10, "translations have words of their own");
  const word = once[Math.floor(once.length / 2)];
  await search(page, word);
  const found = await results(page);
  assert.equal(found[0].href, counts.get(word)[0], `${word}: its paragraph comes first`);
  assert.deepEqual(await page.$$eval(".sr-result:first-child .sr-result-en mark", (ms) => ms.map((m) => m.textContent.toLowerCase())), [word]);
  t.diagnostic(`${word} → ${found[0].href} (${found.length} results with near spellings)`);
  await page.context().close();
});

test("each result's link lands on its paragraph, under the header, on screen", { timeout: 90_000 }, async () => {
  const page = await searchPage();
  await search(page, "上海精神");
  const found = await results(page);
  const targets = [found[0], ...found.filter((r) => !r.href.startsWith("glossary")).filter((r, i, all) =>
    i === 0 || r.href.split("#")[0] !== all[i - 1].href.split("#")[0]).slice(0, 3)];
  for (const target of targets) {
    await open(page, site.server, "summit-21.html");
    await search(page, "上海精神");
    await results(page);
    await page.click(`.sr-result-link[href$="${target.href}"]`);
    const [name, id] = target.href.split("#");
    await page.waitForFunction(([n, i]) => location.pathname.endsWith("/" + n) && location.hash === "#" + i && document.getElementById(i), [name, id]);
    // The browser scrolls to the anchor once the page has loaded (later on a busy machine).
    await page.waitForFunction((i) => { const top = document.getElementById(i).getBoundingClientRect().top; return top >= 0 && top < innerHeight; },
      id, { timeout: 10_000 }).catch(() => {});
    const where = await page.evaluate((i) => {
      const el = document.getElementById(i);
      const clone = el.cloneNode(true);
      clone.querySelectorAll("rt, rp").forEach((x) => x.remove());
      const header = document.querySelector(".md-header").getBoundingClientRect().bottom;
      return { top: el.getBoundingClientRect().top, header, height: innerHeight, text: clone.textContent };
    }, id);
    assert.ok(where.text.includes("上海精神"), `${target.href} shows 上海精神`);
    assert.ok(where.top >= where.header - 1 && where.top < where.height, `${target.href}: on screen below the header (${JSON.stringify(where)})`);
    assert.equal(await page.locator("#sr-search-results").isHidden(), true, "results closed after following one");
  }
  await page.context().close();
});

test("keyboard only: / to the box, type, arrows through results, Escape, Enter opens the first", { timeout: 60_000 }, async () => {
  const page = await searchPage();
  await page.keyboard.press("/");
  assert.equal(await page.evaluate(() => document.activeElement.id), "sr-search-input");
  await page.keyboard.type("mingyun gongtongti");
  await page.waitForFunction(() => document.getElementById("sr-search-results").getAttribute("data-query") === "mingyun gongtongti");
  const active = () => page.evaluate(() => document.activeElement.getAttribute("href")?.replace(/^.*\//, "") ?? document.activeElement.id);
  const hrefs = await page.$$eval(".sr-result-link", (as) => as.map((a) => a.getAttribute("href").replace(/^.*\//, "")));
  assert.ok(hrefs.length > 2);
  await page.keyboard.press("ArrowDown");
  assert.equal(await active(), hrefs[0]);
  await page.keyboard.press("ArrowDown");
  assert.equal(await active(), hrefs[1]);
  await page.keyboard.press("ArrowUp");
  await page.keyboard.press("ArrowUp");
  assert.equal(await active(), "sr-search-input", "up from the first result is the box");
  await page.keyboard.press("Tab");
  assert.equal(await active(), hrefs[0], "Tab also walks into the results");
  await page.keyboard.press("Escape");
  assert.equal(await active(), "sr-search-input");
  assert.equal(await page.locator("#sr-search-results").isHidden(), true, "Escape closes the results");
  await page.keyboard.press("Escape");
  assert.equal(await page.inputValue("#sr-search-input"), "", "a second Escape clears the box");
  await page.keyboard.type("shanghai jingshen");
  await page.waitForFunction(() => document.getElementById("sr-search-results").getAttribute("data-query") === "shanghai jingshen");
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => location.hash === "#shanghai-spirit");
  assert.match(page.url(), /glossary\.html#shanghai-spirit$/);
  await page.context().close();
});

test("axe: the box and its open results have no serious or critical violations", { timeout: 120_000 }, async (t) => {
  const page = await searchPage();
  await search(page, "上海精神");
  await page.addScriptTag({ content: axeSource() });
  const result = await page.evaluate(() => window.axe.run(document, { resultTypes: ["violations"] }));
  for (const v of result.violations) t.diagnostic(`[${v.impact}] ${v.id} ×${v.nodes.length}: ${v.help} — ${v.nodes[0]?.target}`);
  const blocking = result.violations.filter((v) => v.impact === "serious" || v.impact === "critical");
  assert.deepEqual(blocking.map((v) => `${v.id}: ${v.nodes.map((n) => n.target).join(", ")}`), []);
  assert.equal(await page.getAttribute("#sr-search-input", "aria-describedby"), "sr-search-help");
  assert.equal(await page.getAttribute("#sr-search-status", "role"), "status");
  assert.equal(await page.locator("label[for=sr-search-input]").textContent(), "Search");
  await page.context().close();
});

test("a page that never searches loads nothing of the index; focusing the box starts loading", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  const requests = [];
  page.on("request", (r) => requests.push(r.url().slice(site.server.url.length)));
  await open(page, site.server, "summit-21.html");
  await page.mouse.wheel(0, 2000);
  await page.waitForTimeout(500);
  assert.deepEqual(requests.filter((u) => /assets\/(search\/|vendor\/|search-engine)/.test(u)), [], "nothing loaded before a search");
  assert.ok(requests.includes("assets/search.js"), "only the box's small loader");
  await page.focus("#sr-search-input");
  await page.waitForFunction(() => window.MiniSearch && window.SR_SEARCH);
  for (const file of ["assets/search-engine.js", "assets/vendor/minisearch.js", "assets/search/meta.js"]) {
    assert.ok(requests.includes(file), `${file} loads when the box gets focus`);
  }
  assert.deepEqual(requests.filter((u) => /assets\/search\/[td]\d+\.js/.test(u)), [], "shards load with the first query, not on focus");
  await search(page, "上海精神");
  const shards = requests.filter((u) => /assets\/search\/t\d+\.js/.test(u));
  const all = readdirSync(path.join(SITE, "assets", "search")).filter((f) => /^t\d+\.js$/.test(f));
  assert.ok(shards.length >= 1 && (all.length === 1 || shards.length < all.length), `a query loads only its shards (${shards.length} of ${all.length})`);
  await page.context().close();
});

test("content in the index is shown as text, never as markup", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  const nasty = "<img src=x onerror=\"window.__pwned=1\">上海精神<b>";
  await page.route(/assets\/search\/d\d+\.js$/, async (route) => {
    const response = await route.fetch();
    let body = await response.text();
    body = body.replace(/SR_SEARCH\.docs\((\d+),/, (all, n) => `SR_SEARCH.docs(${n},`);
    body = body.replace(/"([^"]*)上海精神/g, (all, before) => `"${before}${nasty.replace(/"/g, "\\\"")}`);
    await route.fulfill({ response, body });
  });
  await open(page, site.server, "summit-21.html");
  await search(page, "上海精神");
  const html = await page.innerHTML(".sr-search-list");
  assert.equal(await page.locator(".sr-search-list img, .sr-search-list b").count(), 0, "no element from content");
  assert.ok((await page.textContent(".sr-search-list")).includes("<img src=x"), "the markup shows as text");
  assert.ok(html.includes("&lt;img"), "escaped");
  assert.equal(await page.evaluate(() => window.__pwned), undefined);
  await page.context().close();
});

test("search works under a sub-path (a GitHub Pages project site), links included", { timeout: 60_000 }, async () => {
  const server = await serve(SITE, { prefix: "/summit-reader/" });
  const page = await newPage(site.browser, server);
  const failed = [];
  page.on("response", (r) => { if (r.status() >= 400) failed.push(`${r.status()} ${r.url()}`); });
  await open(page, server, "summit-21.html");
  await search(page, "lvse");
  const href = await page.getAttribute(".sr-result-link", "href");
  assert.ok(href.startsWith(server.url) && /summit-\d+\.html#a\d+(-p\d+)?$/.test(href), href);
  await page.click(".sr-result-link");
  await page.waitForFunction((h) => location.href === h, href);
  assert.deepEqual(failed, []);
  assert.deepEqual(page.external, []);
  await page.context().close();
  await server.close();
});

test("search works from file:// (no server), links included", { timeout: 60_000 }, async () => {
  const browser = await launch();
  const page = await (await browser.newContext()).newPage();
  const errors = [];
  page.on("pageerror", (e) => errors.push(String(e)));
  await page.goto(pathToFileURL(path.join(SITE, "summit-21.html")).href);
  await search(page, "lvse");
  const href = await page.getAttribute(".sr-result-link", "href");
  assert.match(href, /^file:\/\/.*\/summit-\d+\.html#a\d+(-p\d+)?$/);
  assert.deepEqual(errors, []);
  await browser.close();
});

/** Take a screenshot into test-results/, check it, then (UPDATE_SCREENSHOTS=1) copy it to docs/screenshots/. */
async function shoot(page, name, check) {
  const file = path.join(RESULTS, name);
  await page.screenshot({ path: file });
  await check();
  if (process.env.UPDATE_SCREENSHOTS) copyFileSync(file, path.join(SCREENSHOTS, name));
}

for (const [label, options, width, height] of [["390", PHONE, 390, 844], ["1280", { viewport: { width: 1280, height: 800 } }, 1280, 800]]) {
  test(`at ${label} px the results fit the screen (screenshot search-${label}.png)`, { timeout: 60_000 }, async () => {
    const page = await searchPage(options);
    await page.click("#sr-search-input");
    await page.keyboard.type("gongshang gongjian");
    await page.waitForFunction(() => document.getElementById("sr-search-results").getAttribute("data-query") === "gongshang gongjian");
    await page.keyboard.press("ArrowDown");
    const panel = page.locator("#sr-search-results");
    await shoot(page, `search-${label}.png`, async () => {
      assert.ok(inside(await panel.boundingBox(), width, height), "the results panel is on screen");
      assert.ok(inside(await page.locator(".sr-result").first().boundingBox(), width, height), "the first result is on screen");
      assert.equal(await page.evaluate(() => document.documentElement.scrollWidth <= innerWidth), true, "no sideways scrolling");
    });
    await page.context().close();
  });
}

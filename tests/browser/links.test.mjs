// The glossary's concordance (one page per term, glossary/<id>.html and its numbered continuations)
// links land on the occurrences they quote; links to the index (glossary.html#<id>) land on the term's row.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { SITE, newPage, open, useSite } from "./helpers.mjs";

const site = useSite();

/** [term id, absolute href, marked text] of every concordance line on every term page, read from the files. */
function concordanceLinks() {
  const folder = path.join(SITE, "glossary");
  const out = [];
  for (const file of readdirSync(folder).filter((f) => f.endsWith(".html"))) {
    const html = readFileSync(path.join(folder, file), "utf8");
    const entry = html.match(/<h1 id="([a-z0-9-]+)"/)[1];
    const section = html.slice(html.indexOf('<div class="sr-page'));
    for (const m of section.matchAll(/<li><a href="([^"]+)" lang="zh-Hans">(.*?)<\/a>/g)) {
      const marked = m[2].match(/<mark>(.*?)<\/mark>/);
      out.push([entry, new URL(m[1], `${site.server.url}glossary/${file}`).href, marked ? marked[1] : null]);
    }
  }
  return out;
}

test("every concordance link points to an existing term occurrence on its summit page", { timeout: 120_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  const links = concordanceLinks();
  assert.ok(links.length > 100, `the term pages have concordance links (found ${links.length})`);

  const byPage = new Map();
  for (const [entry, href, marked] of links) {
    const url = new URL(href);
    assert.equal(url.origin + "/", site.server.url, `${href} stays on the site`);
    assert.ok(url.hash.length > 1, `${href} has an anchor`);
    const name = url.pathname.slice(1);
    assert.match(name, /^summit-\d+\.html$/, `${href} goes to a summit page`);
    if (!byPage.has(name)) byPage.set(name, []);
    byPage.get(name).push({ entry, href, id: decodeURIComponent(url.hash.slice(1)), marked });
  }

  const problems = [];
  for (const [name, wanted] of byPage) {
    await open(page, site.server, name);
    const found = await page.evaluate((ids) => ids.map((id) => {
      const el = document.getElementById(id);
      if (!el) return null;
      const clone = el.cloneNode(true);
      clone.querySelectorAll("rt, rp").forEach((n) => n.remove());
      return { term: el.dataset.term ?? null, cls: el.className, text: clone.textContent };
    }), wanted.map((w) => w.id));
    wanted.forEach((w, i) => {
      const f = found[i];
      if (!f) problems.push(`${w.href}: no element with id ${w.id}`);
      else if (f.term !== w.entry) problems.push(`${w.href}: lands on data-term=${f.term}, expected ${w.entry}`);
      else if (w.marked !== null && f.text !== w.marked) problems.push(`${w.href}: lands on ${f.text}, the glossary quotes ${w.marked}`);
    });
  }
  assert.deepEqual(problems, [], `${problems.length} of ${links.length} concordance links are broken`);
  await page.context().close();
});

test("the term ids on the summit pages are unique", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  for (const name of ["summit-20.html", "summit-21.html", "summit-24.html"]) {
    await open(page, site.server, name);
    const dupes = await page.evaluate(() => {
      const seen = new Map();
      document.querySelectorAll("[id]").forEach((el) => seen.set(el.id, (seen.get(el.id) || 0) + 1));
      return [...seen].filter(([, n]) => n > 1).map(([id, n]) => `${id}×${n}`);
    });
    assert.deepEqual(dupes, [], `${name} has duplicate ids`);
  }
  await page.context().close();
});

test("links to the glossary index (glossary.html#<id>) land on the term's row, which links to its page", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await open(page, site.server, "glossary.html#shanghai-spirit");
  const row = page.locator("#shanghai-spirit");
  assert.ok(await row.isVisible());
  assert.equal(await page.evaluate(() => document.querySelector(":target")?.id), "shanghai-spirit");
  await row.locator("a").first().click();
  await page.waitForURL(/glossary\/shanghai-spirit\.html$/);
  await page.locator(".sr-term-page h1").waitFor();
  assert.match(await page.locator(".sr-term-page h1").innerText(), /上海精神/);
  assert.ok(await page.locator(".sr-concordance mark").count() > 3, "the term page shows its concordance");
  await page.context().close();
});

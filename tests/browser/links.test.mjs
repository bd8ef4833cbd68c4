// The glossary's concordance links land on the occurrences they quote.
import { test } from "node:test";
import assert from "node:assert/strict";
import { newPage, open, useSite } from "./helpers.mjs";

const site = useSite();

test("every concordance link points to an existing term occurrence on its summit page", { timeout: 120_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await open(page, site.server, "glossary.html");
  // [entry id, absolute href, marked text] for each concordance line.
  const links = await page.$$eval(".sr-entry .sr-concordance a[href]", (as) =>
    as.map((a) => [a.closest(".sr-entry").id, a.href, a.querySelector("mark")?.textContent ?? null]),
  );
  assert.ok(links.length > 100, `the glossary has concordance links (found ${links.length})`);

  const byPage = new Map();
  for (const [entry, href, marked] of links) {
    const url = new URL(href);
    assert.equal(url.origin + "/", site.server.url, `${href} stays on the site`);
    assert.ok(url.hash.length > 1, `${href} has an anchor`);
    const name = url.pathname.slice(1);
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

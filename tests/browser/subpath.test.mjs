// A site built on a maintainer's machine (no site URL) works when hosted under a sub-path, as a
// GitHub Pages project site is (https://user.github.io/summit-reader/): every page, the 404 page
// included, loads all its assets from the site and requests nothing that is missing.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { launch, newPage, serve } from "./helpers.mjs";

const LOCAL = process.env.LOCAL_SITE_DIR;
const PREFIX = "/summit-reader/";
const site = {};

before(async () => {
  assert.ok(LOCAL, "LOCAL_SITE_DIR names a build made without a site URL (tests/test_browser.py sets it)");
  site.server = await serve(LOCAL, { prefix: PREFIX });
  site.browser = await launch();
});
after(async () => {
  await site.browser?.close();
  await site.server?.close();
});

/** Every .html file of the site, relative to its root ("index.html", "glossary/…"). */
function pages(dir, rel = "") {
  return readdirSync(path.join(dir, rel), { withFileTypes: true }).flatMap((entry) => {
    const name = path.posix.join(rel, entry.name);
    if (entry.isDirectory()) return entry.name === "assets" ? [] : pages(dir, name);
    return entry.name.endsWith(".html") ? [name] : [];
  });
}

/** Load `url` and return the requests that failed (status ≥ 400 or no answer), the page's own URL aside.
 * A request the browser itself abandoned (net::ERR_ABORTED: Chromium drops a favicon fetch when a busy
 * machine is slow to answer) is asked for again: only a file that is really missing counts. */
async function failedRequests(page, url) {
  const failed = [];
  const abandoned = [];
  const onResponse = (r) => { if (r.status() >= 400 && r.url() !== url) failed.push(`${r.status()} ${r.url()}`); };
  const onFail = (r) => {
    if (/ERR_ABORTED/.test(r.failure()?.errorText ?? "")) abandoned.push(r.url());
    else failed.push(`failed ${r.url()}`);
  };
  page.on("response", onResponse);
  page.on("requestfailed", onFail);
  await page.goto(url, { waitUntil: "load" });
  await page.waitForLoadState("networkidle");
  page.off("response", onResponse);
  page.off("requestfailed", onFail);
  for (const again of abandoned) {
    const status = (await page.request.get(again)).status();
    if (status >= 400) failed.push(`${status} ${again}`);
  }
  return failed;
}

test("every page of a local build loads without a missing request under a sub-path", { timeout: 240_000 }, async () => {
  const names = pages(LOCAL);
  assert.ok(names.includes("index.html") && names.includes("404.html"), `the build has its pages (${names.join(", ")})`);
  const page = await newPage(site.browser, site.server);
  const problems = [];
  for (const name of names) {
    for (const failure of await failedRequests(page, site.server.url + name)) problems.push(`${name}: ${failure}`);
  }
  assert.deepEqual(problems, [], "requests that found nothing");
  assert.deepEqual(page.external, [], "requests that left the site");
  await page.context().close();
});

test("a missing page under the sub-path gets the styled 404 page with working assets and links", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  const missing = site.server.url + "no-such-page.html";
  const problems = await failedRequests(page, missing);
  assert.deepEqual(problems, [], "the 404 page's own requests");
  const styled = await page.evaluate(() => getComputedStyle(document.body).fontFamily !== "" &&
    [...document.styleSheets].some((s) => { try { return s.cssRules.length > 0; } catch { return false; } }));
  assert.ok(styled, "the 404 page's style sheets loaded");
  const home = await page.evaluate(() => [...document.querySelectorAll("a[href]")].map((a) => a.href)
    .find((href) => href.endsWith("/index.html") || href.endsWith("/")));
  assert.ok(home && home.startsWith(site.server.url), `a link home stays under ${PREFIX} (${home})`);
  await page.context().close();
});

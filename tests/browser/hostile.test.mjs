// Hostile content in Chromium: script and markup payloads in every free-text field of every content
// file (tests/hostile.py writes the project) must not run, must not inject an element, and must show
// as the literal text that was written.
//
// This file builds its own small hostile site with the project's CLI (`python -m builder build`) in a
// temporary folder, so it does not depend on $SITE_DIR. Python: $PYTHON, else .venv/bin/python, else python3.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, launch, newPage, serve } from "./helpers.mjs";

const PYTHON = process.env.PYTHON || (existsSync(path.join(ROOT, ".venv/bin/python")) ? path.join(ROOT, ".venv/bin/python") : "python3");

const state = {};

before(async () => {
  state.dir = mkdtempSync(path.join(tmpdir(), "hostile-"));
  const project = path.join(state.dir, "project");
  execFileSync(PYTHON, ["-m", "tests.hostile", project], { cwd: ROOT, stdio: "pipe" });
  // --lint warn: the content linter refuses markup in the text; this test checks the escaping behind it
  execFileSync(PYTHON, ["-m", "builder", "--root", project, "build", "--lint", "warn"], { cwd: ROOT, stdio: "pipe", timeout: 300_000 });
  state.site = path.join(project, "site");
  state.expected = JSON.parse(readFileSync(path.join(project, "expected.json"), "utf8"));
  state.server = await serve(state.site);
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
  await state.server?.close();
  if (state.dir) rmSync(state.dir, { recursive: true, force: true });
});

/** Open a page, count dialogs (alert/confirm/prompt) while it loads and runs, and read what it shows. */
async function visit(name) {
  const page = await newPage(state.browser, state.server);
  const dialogs = [];
  page.on("dialog", (d) => { dialogs.push(d.message()); d.dismiss().catch(() => {}); });
  await page.goto(state.server.url + name, { waitUntil: "load" });
  // Let the reader scripts run: show every term tooltip and colour the readings, as a reader's hover would.
  await page.evaluate(() => document.querySelectorAll(".term").forEach((t) => t.dispatchEvent(new Event("focus"))));
  await page.waitForTimeout(300);
  const seen = await page.evaluate(() => {
    const clone = document.body.cloneNode(true);
    clone.querySelectorAll("rt, rp").forEach((n) => n.remove());
    const injected = [
      ...document.querySelectorAll("img[src='x'], [onerror], [onload], iframe, b"),
      ...[...document.scripts].filter((s) => s.textContent.includes("alert(")),
    ].map((el) => el.outerHTML.slice(0, 120));
    return {
      title: document.title,
      description: document.querySelector('meta[name="description"]')?.content ?? "",
      text: clone.textContent,
      hrefs: [...document.querySelectorAll("a[href]")].map((a) => a.getAttribute("href")),
      injected,
    };
  });
  await page.waitForTimeout(200);
  seen.dialogs = dialogs;
  seen.errors = page.errors;
  await page.context().close();
  return seen;
}

test("hostile content: no payload runs or injects an element on any page, and each shows as written", { timeout: 180_000 }, async () => {
  // Every page, the glossary's term pages (glossary/<id>.html) included.
  const pages = readdirSync(state.site, { recursive: true }).filter((f) => f.endsWith(".html") && !f.startsWith("assets")).sort();
  assert.ok(pages.includes("summit-1.html") && pages.includes("glossary.html") && pages.includes("index.html"), pages.join(", "));
  const shown = new Map(Object.keys(state.expected).map((k) => [k, []]));
  for (const name of pages) {
    const seen = await visit(name);
    assert.deepEqual(seen.dialogs, [], `${name}: a payload ran (dialog)`);
    assert.deepEqual(seen.injected, [], `${name}: a payload became an element`);
    assert.deepEqual(seen.errors, [], `${name}: script errors`);
    for (const href of seen.hrefs) assert.ok(!/^\s*javascript:/i.test(href), `${name}: a javascript: link ${href}`);
    for (const [field, text] of Object.entries(state.expected)) {
      for (const [where, haystack] of [["text", seen.text], ["title", seen.title], ["description", seen.description]]) {
        if (haystack.includes(text)) shown.get(field).push(`${name} ${where}`);
      }
    }
    if (name === "summit-1.html") {
      assert.ok(seen.title.includes(state.expected.place), `<title> shows the place literally: ${seen.title}`);
      assert.ok(seen.description.includes(state.expected.title) && seen.description.includes(state.expected.title_en),
        `the description shows the titles literally: ${seen.description}`);
      assert.ok(seen.text.includes(state.expected.body), "the paragraph's text is kept exactly");
    }
  }
  const missing = [...shown].filter(([, where]) => where.length === 0).map(([field]) => field);
  assert.deepEqual(missing, [], "fields whose text is not shown literally on any page");
});

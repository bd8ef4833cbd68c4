// `summit-reader serve`: the maintainer's loop. Edit a paragraph of a temporary copy of the content and
// the open page shows it without a manual rebuild; break the content and the page shows the error
// (file:line) while the last good page stays.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { ROOT, launch, newPage } from "./helpers.mjs";

const PYTHON = process.env.PYTHON || path.join(ROOT, ".venv", "bin", "python");
const state = {};

/** The first summit file of the copy, its page name, and the line of the first article's first paragraph. */
function firstParagraph(project) {
  const dir = path.join(project, "content", "summits");
  const file = path.join(dir, readdirSync(dir).filter((n) => n.endsWith(".md")).sort()[0]);
  const lines = readFileSync(file, "utf8").split("\n");
  const ordinal = lines.find((l) => l.startsWith("ordinal:")).split(":")[1].trim();
  const closing = lines.indexOf("---", 1);
  const heading = lines.findIndex((l, i) => i > closing && l.startsWith("## "));
  const paragraph = lines.findIndex((l, i) => i > heading && l.trim() !== "");
  return { file, lines, page: `summit-${ordinal}.html`, paragraph, ordinalLine: lines.findIndex((l) => l.startsWith("ordinal:")) + 1 };
}

/** Start the preview server; resolve to its URL once it says where it serves. */
function startServe(project) {
  const env = { ...process.env };
  delete env.SITE_URL;  // the preview sets its own address
  const child = spawn(PYTHON, ["-m", "builder", "--root", project, "serve", "--port", "0"], {
    cwd: project, env, stdio: ["ignore", "pipe", "pipe"],
  });
  let log = "";
  const url = new Promise((resolve, reject) => {
    const look = (chunk) => {
      log += chunk;
      const m = log.match(/serving .* on (http:\/\/\S+)/);
      if (m) resolve(m[1]);
    };
    child.stdout.on("data", look);
    child.stderr.on("data", look);
    child.on("exit", (code) => reject(new Error(`serve exited with ${code}:\n${log}`)));
  });
  return { child, url, log: () => log };
}

before(async () => {
  state.project = mkdtempSync(path.join(tmpdir(), "sr-serve-"));
  for (const name of ["mkdocs.yml", "content", "templates"]) cpSync(path.join(ROOT, name), path.join(state.project, name), { recursive: true });
  if (existsSync(path.join(ROOT, ".cache"))) cpSync(path.join(ROOT, ".cache"), path.join(state.project, ".cache"), { recursive: true });
  state.serve = startServe(state.project);
  state.url = await state.serve.url;
  state.browser = await launch();
});

after(async () => {
  await state.browser?.close();
  if (state.serve && state.serve.child.exitCode === null) {
    const exited = new Promise((resolve) => state.serve.child.on("exit", resolve));
    state.serve.child.kill("SIGINT");
    await exited;
  }
  if (state.project) rmSync(state.project, { recursive: true, force: true });
});

/** The paragraph's text without the readings. */
function plainText(page, selector) {
  return page.evaluate((sel) => {
    const el = document.querySelector(sel);
    if (!el) return null;
    const copy = el.cloneNode(true);
    copy.querySelectorAll("rt, rp").forEach((n) => n.remove());
    return copy.textContent;
  }, selector);
}

test("an edit shows on the open page without a manual rebuild; a broken edit shows its error and keeps the page", { timeout: 300_000 }, async () => {
  const first = firstParagraph(state.project);
  const page = await newPage(state.browser, { url: state.url });
  await page.goto(state.url + first.page, { waitUntil: "load" });
  const before = await plainText(page, "#a1-p1");
  assert.ok(before && before.length > 10, `the page shows its first paragraph (${before})`);

  const added = "预览中的修改";
  const edited = [...first.lines];
  edited[first.paragraph] = edited[first.paragraph] + added;
  writeFileSync(first.file, edited.join("\n"));
  await page.waitForFunction((text) => {
    const el = document.querySelector("#a1-p1");
    if (!el) return false;
    const copy = el.cloneNode(true);
    copy.querySelectorAll("rt, rp").forEach((n) => n.remove());
    return copy.textContent.endsWith(text);
  }, added, { timeout: 180_000, polling: 500 });
  assert.equal(await plainText(page, "#a1-p1"), before + added, "the page shows the edited paragraph");

  const broken = [...edited];
  broken[first.ordinalLine - 1] = "ordinal: not-a-number";
  writeFileSync(first.file, broken.join("\n"));
  const banner = page.locator("#sr-build-error");
  await banner.waitFor({ timeout: 180_000 });
  const message = await banner.textContent();
  const where = `${path.basename(first.file)}:${first.ordinalLine}`;
  assert.ok(message.includes(where), `the banner names ${where}: ${message}`);
  assert.equal(await plainText(page, "#a1-p1"), before + added, "the last good page is still served");
  assert.match(state.serve.log(), new RegExp(where.replace(".", "\\.")), "the terminal shows the error too");
});

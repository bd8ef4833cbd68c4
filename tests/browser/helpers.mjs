import { after, before } from "node:test";
// Shared set-up for the browser tests: a static server over the built site and Debian's chromium
// driven by playwright-core. Build the site first: `.venv/bin/python -m builder build`.
// The site folder is $SITE_DIR (default: site/ in the repo), so the tests can run against a
// temporary build (tests/test_browser.py does that).
//
// Not a test file itself (node --test picks up *.test.mjs only).
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SITE = process.env.SITE_DIR ? path.resolve(process.env.SITE_DIR) : path.join(ROOT, "site");
export const SCREENSHOTS = path.join(ROOT, "docs", "screenshots");
export const CHROMIUM = process.env.CHROMIUM || "/usr/bin/chromium";

export const CHROMIUM_ARGS = [
  "--headless",
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
];

const TYPES = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".xml": "application/xml",
  ".gz": "application/gzip",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** Fail early, with the command to run, when there is no built site. */
export function requireSite(site = SITE) {
  const index = path.join(site, "index.html");
  if (!existsSync(index)) {
    throw new Error(`no built site in ${site}: run \`cd ${ROOT} && .venv/bin/python -m builder build\` first`);
  }
}

/** Answer 404: with the site's own 404 page when given one (as a static host does), else plain text. */
function notFound(res, page) {
  if (page && existsSync(page)) res.writeHead(404, { "content-type": TYPES[".html"] }).end(readFileSync(page));
  else res.writeHead(404, { "content-type": "text/plain" }).end("not found");
}

const COMPRESSIBLE = new Set([".html", ".css", ".js", ".mjs", ".json", ".svg", ".xml", ".txt", ".map"]);

/**
 * Start a static HTTP server over `root` on 127.0.0.1 and a free port. Resolves to {url, close}.
 * With {gzip: true}, text files go out gzip-compressed when the browser asks for it (as GitHub Pages
 * and most static hosts do); the tests leave it off, the Lighthouse benchmark turns it on.
 * With {prefix: "/summit-reader/"} the site is served under that path, as a GitHub Pages project site
 * is, and a missing file gets the site's 404.html with status 404, as GitHub Pages does.
 */
export async function serve(root = SITE, { gzip = false, prefix = "/" } = {}) {
  requireSite(root);
  const base = path.resolve(root);
  let url = "";
  const server = createServer(async (req, res) => {
    try {
      let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (!rel.startsWith(prefix)) return notFound(res, prefix === "/" ? null : path.join(base, "404.html"));
      rel = "/" + rel.slice(prefix.length);
      if (rel.endsWith("/")) rel += "index.html";
      const file = path.resolve(base, "." + rel);
      if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
        return notFound(res, prefix === "/" ? null : path.join(base, "404.html"));
      }
      let body = await readFile(file);
      const headers = {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "cache-control": "no-store",
      };
      if (gzip && COMPRESSIBLE.has(path.extname(file)) && /\bgzip\b/.test(req.headers["accept-encoding"] || "")) {
        body = gzipSync(body, { level: 6 });
        headers["content-encoding"] = "gzip";
        headers.vary = "accept-encoding";
      }
      res.writeHead(200, headers);
      res.end(body);
    } catch (err) {
      res.writeHead(500, { "content-type": "text/plain" }).end(String(err));
    }
  });
  await new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address();
  url = `http://127.0.0.1:${port}${prefix}`;
  return {
    url,
    close: () => new Promise((resolve) => server.close(resolve)),
  };
}

/** Launch Debian's chromium (playwright cannot download its own browsers here). */
export async function launch() {
  if (!existsSync(CHROMIUM)) throw new Error(`chromium not found at ${CHROMIUM} (apt-get install chromium, or set CHROMIUM)`);
  return chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
}

/**
 * A page in a new context. Requests that leave the local server are aborted and recorded in
 * `page.external` (the site should make none); uncaught page errors are recorded in `page.errors`.
 */
/** For a test file: serve the site and launch chromium before its tests, stop both after.
 *  Returns an object whose `server` and `browser` are set once the `before` hook has run. */
export function useSite() {
  const site = {};
  before(async () => {
    site.server = await serve();
    site.browser = await launch();
  });
  after(async () => {
    await site.browser?.close();
    await site.server?.close();
  });
  return site;
}

export async function newPage(browser, server, options = {}) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...options });
  const page = await context.newPage();
  page.external = [];
  page.errors = [];
  await page.route("**/*", (route) => {
    const url = route.request().url();
    if (url.startsWith(server.url) || url.startsWith("data:") || url.startsWith("blob:")) return route.continue();
    page.external.push(url);
    return route.abort();
  });
  page.on("pageerror", (err) => page.errors.push(String(err)));
  return page;
}

/** Open `name` (e.g. "summit-21.html") and wait until the reader script can run. */
export async function open(page, server, name) {
  await page.goto(server.url + name, { waitUntil: "load" });
  return page;
}

/** The axe-core source, to inject with page.addScriptTag({content}). */
export function axeSource() {
  return readFileSync(path.join(ROOT, "node_modules", "axe-core", "axe.min.js"), "utf8");
}

/** Whether `locator`'s element is rendered (not hidden, has a box). */
export async function isShown(locator) {
  return locator.evaluate((el) => !el.hidden && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== "hidden");
}

/** A phone: 390 × 844 CSS px, touch, mobile viewport. */
export const PHONE = { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 2 };

/** Whether a bounding box lies entirely inside a vw × vh viewport. */
export function inside(box, vw, vh) {
  return Boolean(box) && box.x >= 0 && box.y >= 0 && box.x + box.width <= vw && box.y + box.height <= vh;
}

/** The per-page word data (CC-CEDICT entries, HSK level, parts) as the page's words script defines it. */
export function wordData(page) {
  const source = readFileSync(path.join(SITE, "assets", "words", `${page}.js`), "utf8");
  const json = source.slice(source.indexOf("=", source.indexOf("]")) + 1).trim().replace(/;$/, "");
  return JSON.parse(json);
}

/**
 * A locator for the n-th occurrence of `word` as an ordinary word (a <ruby> of a summit paragraph
 * that is not part of a glossary term), or null when the page has none.
 */
export async function wordLocator(page, word, n = 0) {
  const WORDS = ".sr-summit p.zh ruby";
  const index = await page.$$eval(WORDS, (rubies, [w, nth]) => {
    let seen = 0;
    return rubies.findIndex((r) => {
      if (r.closest(".term")) return false;
      const text = [...r.childNodes].filter((c) => c.nodeType === 3).map((c) => c.nodeValue).join("");
      return text === w && seen++ === nth;
    });
  }, [word, n]);
  return index < 0 ? null : page.locator(WORDS).nth(index);
}

/** Press Tab (from where focus is) until `predicate(document.activeElement)` holds; returns the presses. */
export async function tabUntil(page, predicate, arg, limit = 400) {
  for (let presses = 1; presses <= limit; presses++) {
    await page.keyboard.press("Tab");
    if (await page.evaluate(predicate, arg)) return presses;
  }
  throw new Error(`Tab did not reach the target in ${limit} presses`);
}

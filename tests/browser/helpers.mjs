// Shared set-up for the browser tests: a static server over the built site/ and Debian's chromium
// driven by playwright-core. Build the site first: `.venv/bin/python -m builder build`.
//
// Not a test file itself (node --test picks up *.test.mjs only).
import { createServer } from "node:http";
import { existsSync, readFileSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "..", "..");
export const SITE = process.env.SUMMIT_SITE ? path.resolve(process.env.SUMMIT_SITE) : path.join(ROOT, "site");
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
export function requireSite() {
  const index = path.join(SITE, "index.html");
  if (!existsSync(index)) {
    throw new Error(`no built site in ${SITE}: run \`cd ${ROOT} && .venv/bin/python -m builder build\` first`);
  }
}

/** Start a static HTTP server over `root` on 127.0.0.1 and a free port. Resolves to {url, close}. */
export async function serve(root = SITE) {
  requireSite();
  const base = path.resolve(root);
  const server = createServer(async (req, res) => {
    try {
      let rel = decodeURIComponent(new URL(req.url, "http://x").pathname);
      if (rel.endsWith("/")) rel += "index.html";
      const file = path.resolve(base, "." + rel);
      if (!file.startsWith(base + path.sep) || !existsSync(file) || !statSync(file).isFile()) {
        res.writeHead(404, { "content-type": "text/plain" }).end("not found");
        return;
      }
      const body = await readFile(file);
      res.writeHead(200, {
        "content-type": TYPES[path.extname(file)] || "application/octet-stream",
        "cache-control": "no-store",
      });
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
  return {
    url: `http://127.0.0.1:${port}/`,
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

// Lighthouse (mobile preset: a Moto G Power-sized screen, simulated slow 4G and 4× CPU slowdown) on
// the built site, served on 127.0.0.1 with gzip as a static host would, in Debian's chromium with
// the browser tests' headless flags. Categories: performance and accessibility.
//
//     .venv/bin/python -m builder build          # first: the built site in site/ (or set SITE_DIR)
//     node benchmarks/lighthouse.mjs [--runs N] [--no-gzip] [--all] [--json FILE] [page.html ...]
//
// Pages: the ones named, else every top-level page of the site (home, summit pages, glossary index, 404)
// and, of the glossary's term pages (one template, glossary/<id>.html, 118+ of them), the heaviest,
// the median and the lightest by bytes; --all runs every page of the site.
//
// Prints, per page, the two category scores and LCP, TBT, CLS, FCP and the total byte weight, with
// the date, the machine (cores, CPU model, Lighthouse's benchmark index), chromium and Lighthouse
// versions. With --runs N each page is run N times and the median run (by performance score, then
// LCP) is shown. No network is needed: everything is on 127.0.0.1 and the site loads nothing else.
import { availableParallelism, cpus } from "node:os";
import { readdirSync, statSync, writeFileSync } from "node:fs";
import path from "node:path";
import lighthouse from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { CHROMIUM, CHROMIUM_ARGS, SITE, serve } from "../tests/browser/helpers.mjs";

/** Every .html page of the built site, relative to it (sub-folders included). */
function allPages(dir = SITE, prefix = "") {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "assets" ? [] : allPages(path.join(dir, e.name), `${prefix}${e.name}/`))
      : e.name.endsWith(".html") ? [`${prefix}${e.name}`] : []).sort();
}

/** The top-level pages, and the heaviest, median and lightest term pages (glossary/*.html). */
function defaultPages() {
  const pages = allPages();
  const top = pages.filter((p) => !p.includes("/"));
  const terms = pages.filter((p) => p.startsWith("glossary/")).sort((a, b) => statSync(path.join(SITE, b)).size - statSync(path.join(SITE, a)).size);
  const picked = terms.length ? [terms[0], terms[Math.floor(terms.length / 2)], terms[terms.length - 1]] : [];
  return [...top, ...new Set(picked)];
}

function parseArgs(argv) {
  const args = { runs: 1, gzip: true, json: null, pages: [], all: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === "--runs") args.runs = Math.max(1, parseInt(argv[++i], 10) || 1);
    else if (a === "--no-gzip") args.gzip = false;
    else if (a === "--json") args.json = argv[++i];
    else if (a === "--all") args.all = true;
    else if (a === "-h" || a === "--help") {
      console.log("usage: node benchmarks/lighthouse.mjs [--runs N] [--no-gzip] [--all] [--json FILE] [page.html ...]");
      process.exit(0);
    } else args.pages.push(a);
  }
  if (!args.pages.length) args.pages = args.all ? allPages() : defaultPages();
  return args;
}

// Lighthouse's default config is the mobile preset; only the two categories are run.
const CONFIG = { extends: "lighthouse:default", settings: { onlyCategories: ["performance", "accessibility"] } };

function summarise(lhr) {
  const audit = (id) => lhr.audits[id]?.numericValue;
  const failed = (lhr.categories.accessibility.auditRefs || [])
    .filter((ref) => ref.weight > 0 && lhr.audits[ref.id]?.score === 0)
    .map((ref) => ref.id);
  return {
    performance: Math.round(lhr.categories.performance.score * 100),
    accessibility: Math.round(lhr.categories.accessibility.score * 100),
    lcpMs: audit("largest-contentful-paint"),
    tbtMs: audit("total-blocking-time"),
    cls: audit("cumulative-layout-shift"),
    fcpMs: audit("first-contentful-paint"),
    bytes: audit("total-byte-weight"),
    mainThread: Object.fromEntries((lhr.audits["mainthread-work-breakdown"]?.details?.items || []).map((i) => [i.group, Math.round(i.duration)])),
    layoutShifts: (lhr.audits["layout-shifts"]?.details?.items || []).slice(0, 3).map((i) => ({ score: i.score, node: i.node?.snippet?.slice(0, 120), causes: (i.subItems?.items || []).map((c) => c.extra?.value ?? c.cause) })),
    longTasks: (lhr.audits["long-tasks"]?.details?.items || []).length,
    lcpElement: lhr.audits["largest-contentful-paint-element"]?.details?.items?.[0]?.items?.[0]?.node?.snippet ?? null,
    accessibilityFailures: failed,
    runtimeError: lhr.runtimeError?.message ?? null,
  };
}

const median = (runs) => {
  const sorted = [...runs].sort((a, b) => a.performance - b.performance || a.lcpMs - b.lcpMs);
  return sorted[Math.floor((sorted.length - 1) / 2)];
};

const pad = (s, n) => String(s).padEnd(n);
const num = (x, digits = 0) => (x == null ? "—" : x.toFixed(digits));

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const server = await serve(SITE, { gzip: args.gzip });
  const chrome = await chromeLauncher.launch({
    chromePath: CHROMIUM,
    chromeFlags: CHROMIUM_ARGS,
    logLevel: "silent",
  });
  const results = {};
  let environment = null;
  const version = await fetch(`http://127.0.0.1:${chrome.port}/json/version`).then((r) => r.json()).catch(() => ({}));
  try {
    for (const page of args.pages) {
      const runs = [];
      for (let i = 0; i < args.runs; i++) {
        const { lhr } = await lighthouse(server.url + page, { port: chrome.port, logLevel: "error", output: "json" }, CONFIG);
        if (lhr.configSettings.formFactor !== "mobile") throw new Error(`expected the mobile preset, got ${lhr.configSettings.formFactor}`);
        environment ??= { lighthouse: lhr.lighthouseVersion, userAgent: lhr.environment.hostUserAgent, benchmarkIndex: lhr.environment.benchmarkIndex, throttling: lhr.configSettings.throttling };
        runs.push(summarise(lhr));
        process.stderr.write(`${page} run ${i + 1}/${args.runs}: performance ${runs.at(-1).performance}\n`);
      }
      results[page] = { ...median(runs), runs: runs.length, all: runs };
    }
  } finally {
    await chrome.kill();
    await server.close();
  }

  const chromium = /\/([\d.]+)/.exec(version.Browser || "")?.[1] ?? environment.userAgent;
  const t = environment.throttling;
  console.log(`Lighthouse ${environment.lighthouse}, mobile preset (simulated: ${t.rttMs} ms RTT, ${Math.round(t.throughputKbps)} kbit/s, CPU ×${t.cpuSlowdownMultiplier})`);
  console.log(`date: ${new Date().toISOString()}`);
  console.log(`machine: ${availableParallelism()} cores (nproc), ${cpus()[0]?.model ?? "unknown CPU"}; Lighthouse benchmark index ${Math.round(environment.benchmarkIndex)}`);
  console.log(`browser: Debian chromium ${chromium} (${CHROMIUM}); node ${process.version}`);
  console.log(`site: ${SITE}, served on 127.0.0.1 ${args.gzip ? "with gzip" : "without compression"}; ${args.runs} run(s) per page${args.runs > 1 ? " (median shown)" : ""}`);
  console.log("");
  console.log(`${pad("page", 36)}${pad("perf", 6)}${pad("a11y", 6)}${pad("LCP ms", 9)}${pad("TBT ms", 8)}${pad("CLS", 7)}${pad("FCP ms", 8)}total KiB`);
  for (const [page, r] of Object.entries(results)) {
    console.log(`${pad(page, 36)}${pad(r.performance, 6)}${pad(r.accessibility, 6)}${pad(num(r.lcpMs), 9)}${pad(num(r.tbtMs), 8)}${pad(num(r.cls, 3), 7)}${pad(num(r.fcpMs), 8)}${num(r.bytes / 1024, 1)}`);
  }
  console.log("");
  for (const [page, r] of Object.entries(results)) {
    const notes = [];
    notes.push(`main thread ${Object.entries(r.mainThread).map(([k, v]) => `${k} ${v} ms`).join(", ")}; ${r.longTasks} long task(s)`);
    const cls = r.all.map((x) => x.cls.toFixed(3));
    if (r.all.some((x) => x.cls > 0.01)) notes.push(`CLS per run ${cls.join(", ")}; largest shifts: ${r.all.flatMap((x) => x.layoutShifts).slice(0, 2).map((l) => `${l.score.toFixed(3)} ${l.node}`).join(" | ")}`);
    if (r.lcpElement) notes.push(`LCP element: ${r.lcpElement.replace(/\s+/g, " ").slice(0, 100)}`);
    if (r.accessibilityFailures.length) notes.push(`accessibility audits failed: ${r.accessibilityFailures.join(", ")}`);
    if (r.runtimeError) notes.push(`runtime error: ${r.runtimeError}`);
    if (notes.length) console.log(`${page}: ${notes.join("; ")}`);
  }
  if (args.json) {
    writeFileSync(args.json, JSON.stringify({ date: new Date().toISOString(), cores: availableParallelism(), cpu: cpus()[0]?.model, environment, results }, null, 2));
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

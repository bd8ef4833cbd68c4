// Time from the first keystroke to results on a phone profile, for benchmarks/search.py (which
// writes the site and prints the table; run that, not this).
//
//     node benchmarks/search_timing.mjs SITE_DIR RUNS QUERY...
//
// For each query and run: a fresh page (nothing cached: the server sends no-store) of the site's
// first summit page, 390 px wide, Chromium's CPU slowed 4× (CDP Emulation.setCPUThrottlingRate),
// files served with gzip on 127.0.0.1, optionally over simulated slow 4G (CDP
// Network.emulateNetworkConditions: 150 ms round trip, 1.6 Mbit/s down, 750 kbit/s up — Lighthouse's
// mobile figures). The query is put into the box in one input event (as a paste, or the last of
// many keystrokes with nothing loaded yet) and the clock stops when the result list shows it.
// Prints JSON: {network: {query: [ms, …]}}, plus bytes transferred per query.
import { readdirSync } from "node:fs";
import { PHONE, launch, serve } from "../tests/browser/helpers.mjs";

const [site, runsArg, ...queries] = process.argv.slice(2);
const runs = parseInt(runsArg, 10) || 3;
const page0 = readdirSync(site).filter((f) => /^summit-\d+\.html$/.test(f)).sort()[0];
const NETWORKS = {
  local: null,
  "slow 4G": { offline: false, latency: 150, downloadThroughput: (1.6 * 1024 * 1024) / 8, uploadThroughput: (750 * 1024) / 8 },
};

const server = await serve(site, { gzip: true });
const browser = await launch();
const out = { page: page0, times: {}, bytes: {} };
try {
  for (const [network, conditions] of Object.entries(NETWORKS)) {
    out.times[network] = {};
    for (const query of queries) {
      const times = [];
      for (let run = 0; run < runs; run++) {
        const context = await browser.newContext(PHONE);
        const page = await context.newPage();
        const cdp = await context.newCDPSession(page);
        await page.goto(server.url + page0, { waitUntil: "load" });
        let bytes = 0;
        await cdp.send("Network.enable");
        cdp.on("Network.loadingFinished", (e) => { bytes += e.encodedDataLength; });
        if (conditions) await cdp.send("Network.emulateNetworkConditions", conditions);
        await cdp.send("Emulation.setCPUThrottlingRate", { rate: 4 });
        const ms = await page.evaluate((q) => new Promise((resolve) => {
          const box = document.getElementById("sr-search-input");
          const panel = document.getElementById("sr-search-results");
          const t0 = performance.now();
          new MutationObserver((_, observer) => {
            if (panel.getAttribute("data-query") === q) { observer.disconnect(); resolve(performance.now() - t0); }
          }).observe(panel, { attributes: true });
          box.focus();
          box.value = q;
          box.dispatchEvent(new Event("input", { bubbles: true }));
        }), query);
        times.push(Math.round(ms));
        if (run === 0) out.bytes[`${network}: ${query}`] = bytes;
        await context.close();
      }
      out.times[network][query] = times;
    }
  }
} finally {
  await browser.close();
  await server.close();
}
console.log(JSON.stringify(out));

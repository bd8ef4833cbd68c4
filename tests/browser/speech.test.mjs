// Speech (words.js): buttons only where the browser has a Chinese voice. Headless chromium has no
// voices at all, so a stub speechSynthesis with one zh-CN voice stands in for a real browser.
import { after, before, test } from "node:test";
import assert from "node:assert/strict";
import { newPage, open, wordLocator, useSite } from "./helpers.mjs";

const PAGE = "summit-21.html";

const site = useSite();

/** Runs in the page before any of its scripts: a speechSynthesis with a zh-CN voice that records speak(). */
function stubSpeech() {
  const voice = { name: "Stub Mandarin", lang: "zh-CN", localService: true, default: true, voiceURI: "stub-zh" };
  const spoken = (window.__spoken = []);
  class Utterance extends EventTarget {
    constructor(text) { super(); this.text = text; this.voice = null; this.lang = ""; }
  }
  const synth = new EventTarget();
  Object.assign(synth, {
    speaking: false, pending: false, paused: false,
    getVoices: () => [voice],
    speak: (u) => spoken.push({ text: u.text, lang: u.lang, voice: u.voice && u.voice.name }),
    cancel: () => {}, pause: () => {}, resume: () => {},
  });
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
}

test("no Chinese voice (headless chromium): no speak buttons at all", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await open(page, site.server, PAGE);
  const voices = await page.evaluate(() => ("speechSynthesis" in window ? speechSynthesis.getVoices().map((v) => v.lang) : null));
  assert.ok(voices === null || !voices.some((l) => /^zh/i.test(l)), `this browser has no zh voice (${JSON.stringify(voices)})`);
  assert.equal(await page.locator(".sr-speak, .sr-speak-para").count(), 0, "no paragraph speak buttons");
  await (await wordLocator(page, "合作")).click();
  await page.locator(".sr-popup").waitFor({ state: "visible" });
  assert.equal(await page.locator(".sr-popup .sr-speak").count(), 0, "no speak button in the popup");
  await page.context().close();
});

test("with a zh-CN voice: the popup and every paragraph get a speak button that speaks the Chinese", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await page.addInitScript(stubSpeech);
  await open(page, site.server, PAGE);
  // One button after each Chinese paragraph.
  const counts = await page.evaluate(() => ({
    paragraphs: document.querySelectorAll(".sr-summit p.zh").length,
    buttons: document.querySelectorAll(".sr-summit p.zh + .sr-speak-para > button.sr-speak").length,
  }));
  assert.ok(counts.paragraphs > 10);
  assert.equal(counts.buttons, counts.paragraphs, "a speak button after every paragraph");
  const button = page.locator(".sr-speak-para button.sr-speak").first();
  assert.equal(await button.getAttribute("aria-label"), "Speak this paragraph");
  // The paragraph's Chinese: its text without readings, ruby parentheses or note marks.
  const expected = await page.evaluate(() => {
    const p = document.querySelector(".sr-summit p.zh").cloneNode(true);
    p.querySelectorAll("rt, rp, .note-ref, .gap").forEach((n) => n.remove());
    return p.textContent;
  });
  await button.click();
  let spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 1, "speak() called once");
  assert.equal(spoken[0].text, expected);
  assert.ok(!/[a-zāáǎàēéěèīíǐìōóǒòūúǔùǖǘǚǜ]/i.test(spoken[0].text), "no pinyin in the spoken text");
  assert.equal(spoken[0].lang, "zh-CN");
  assert.equal(spoken[0].voice, "Stub Mandarin");
  // The popup's button speaks the word.
  await (await wordLocator(page, "合作")).click();
  const speak = page.locator(".sr-popup .sr-speak");
  await speak.waitFor({ state: "visible" });
  assert.equal(await speak.getAttribute("aria-label"), "Speak 合作");
  await speak.click();
  spoken = await page.evaluate(() => window.__spoken);
  assert.equal(spoken.length, 2);
  assert.equal(spoken[1].text, "合作");
  assert.equal(await page.locator(".sr-popup").isVisible(), true, "speaking keeps the popup open");
  assert.deepEqual(page.errors, []);
  await page.context().close();
});

test("with a zh-CN voice, English side by side still puts each English paragraph right of its Chinese (1280 px)", { timeout: 60_000 }, async () => {
  const page = await newPage(site.browser, site.server);
  await page.addInitScript(stubSpeech);
  await page.addInitScript(() => localStorage.setItem("summit-reader:settings", JSON.stringify({ translation: "side" })));
  await open(page, site.server, PAGE);
  assert.ok(await page.locator(".sr-speak-para").count() > 0, "the paragraph speak buttons are there");
  const misplaced = await page.$$eval(".sr-summit .sr-pair", (pairs) => pairs.filter((pair) => {
    const zh = pair.firstElementChild.getBoundingClientRect(), en = pair.querySelector("p.en").getBoundingClientRect();
    return !(en.left >= zh.right - 1 && en.top < zh.bottom);
  }).map((pair) => pair.firstElementChild.id || pair.firstElementChild.tagName));
  assert.deepEqual(misplaced, [], "pairs whose English is not beside the Chinese (the speak button takes the English's grid cell)");
  await page.context().close();
});
